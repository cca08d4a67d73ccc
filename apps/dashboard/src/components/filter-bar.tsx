'use client';

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { FacetsResponse } from '@/lib/api';
import { emptyFilters, type Filters, hasAnyFilter } from '@/lib/filters';
import { useI18n } from '@/lib/i18n-context';
import { useTopicName } from '@/lib/queries';

type FilterBarProps = {
  filters: Filters;
  facets: FacetsResponse | undefined;
  onChange: (next: Filters) => void;
};

const topicGroups = [
  { kind: 'subject', label: 'Subjects' },
  { kind: 'section', label: 'Sections (as the outlet files them)' },
  { kind: 'watch', label: 'Watch lists' },
] as const;

/** The filters every view shares. Each change is written to the URL by the page. */
export function FilterBar({ filters, facets, onChange }: FilterBarProps) {
  const id = useId();
  const { t, tn, fmt } = useI18n();
  const topicName = useTopicName();
  const outletMenu = useRef<HTMLDetailsElement>(null);
  // A <details> menu stays open until toggled; close it on a click elsewhere, like a native dropdown.
  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      const menu = outletMenu.current;
      if (menu?.open && event.target instanceof Node && !menu.contains(event.target)) menu.open = false;
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, []);
  const [query, setQuery] = useState(filters.q ?? '');
  // Follow the URL when it changes underneath us (back button, a shared link, "Clear").
  useEffect(() => setQuery(filters.q ?? ''), [filters.q]);

  // The URL (and so `filters`) updates a render later; show a ticked box at once meanwhile.
  // A pending choice counts only while the URL still holds the filters it was made from.
  const [pending, setPending] = useState<{ from: number[]; outlets: number[] } | null>(null);
  const chosenOutlets = pending && pending.from === filters.outlet ? pending.outlets : filters.outlet;
  const [pendingUnique, setPendingUnique] = useState<{ from: Filters; unique: boolean } | null>(null);
  const unique =
    pendingUnique && pendingUnique.from === filters ? pendingUnique.unique : filters.unique === true;

  const outlets = facets?.outlets ?? [];
  const topics = facets?.topics ?? [];
  const languages = facets?.languages ?? [];
  const selectedOutlets = new Set(chosenOutlets);
  const outletSummary =
    chosenOutlets.length === 0
      ? t('All outlets')
      : chosenOutlets.length === 1
        ? (outlets.find((outlet) => outlet.id === chosenOutlets[0])?.name ?? tn('outlets', 1))
        : tn('outlets', chosenOutlets.length);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    onChange({ ...filters, q: q === '' ? undefined : q });
  };

  const toggleOutlet = (outletId: number, checked: boolean) => {
    const next = new Set(chosenOutlets);
    if (checked) next.add(outletId);
    else next.delete(outletId);
    setPending({ from: filters.outlet, outlets: [...next] });
    onChange({ ...filters, outlet: [...next] });
  };

  return (
    <section className="filter-bar" aria-label={t('Filters')}>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('From')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={filters.from ?? ''}
          min={facets?.dateRange.from ?? undefined}
          max={filters.to ?? facets?.dateRange.to ?? undefined}
          onChange={(event) => onChange({ ...filters, from: event.target.value || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('To')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={filters.to ?? ''}
          min={filters.from ?? facets?.dateRange.from ?? undefined}
          max={facets?.dateRange.to ?? undefined}
          onChange={(event) => onChange({ ...filters, to: event.target.value || undefined })}
        />
      </div>
      <div className="field">
        <span className="field-label" id={`${id}-outlets`}>
          {t('Outlets')}
        </span>
        <details className="multi-select" data-testid="outlet-filter" ref={outletMenu}>
          <summary aria-describedby={`${id}-outlets`}>{outletSummary}</summary>
          <fieldset className="multi-select-panel" aria-labelledby={`${id}-outlets`}>
            {outlets.length === 0 ? <p className="muted">{t('No outlets yet.')}</p> : null}
            {outlets.map((outlet) => (
              <label key={outlet.id} className="check">
                <input
                  type="checkbox"
                  checked={selectedOutlets.has(outlet.id)}
                  onChange={(event) => toggleOutlet(outlet.id, event.target.checked)}
                />
                <span dir="auto">{outlet.name}</span>
                <span className="muted">{fmt.count(outlet.articles)}</span>
              </label>
            ))}
          </fieldset>
        </details>
      </div>
      <div className="field">
        <label htmlFor={`${id}-topic`}>{t('Topic')}</label>
        <select
          id={`${id}-topic`}
          value={filters.topic.length > 1 ? '__several__' : (filters.topic[0] ?? '')}
          onChange={(event) =>
            onChange({ ...filters, topic: event.target.value ? [event.target.value] : [] })
          }
        >
          <option value="">{t('All topics')}</option>
          {filters.topic.length > 1 ? (
            <option value="__several__" disabled>
              {t('{n} topics (from the link)', { n: fmt.count(filters.topic.length) })}
            </option>
          ) : null}
          {topicGroups.map((group) => {
            const members = topics.filter((topic) => topic.kind === group.kind);
            if (members.length === 0) return null;
            return (
              <optgroup key={group.kind} label={t(group.label)}>
                {members.map((topic) => (
                  <option key={topic.slug} value={topic.slug}>
                    {topicName(topic.slug, topic.name)} ({fmt.count(topic.articles)})
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t('Language')}</label>
        <select
          id={`${id}-lang`}
          value={filters.lang.length > 1 ? '__several__' : (filters.lang[0] ?? '')}
          onChange={(event) => onChange({ ...filters, lang: event.target.value ? [event.target.value] : [] })}
        >
          <option value="">{t('All languages')}</option>
          {filters.lang.length > 1 ? (
            <option value="__several__" disabled>
              {t('{n} languages (from the link)', { n: fmt.count(filters.lang.length) })}
            </option>
          ) : null}
          {languages.map((language) => (
            <option key={language.code} value={language.code}>
              {fmt.language(language.code)} ({fmt.count(language.articles)})
            </option>
          ))}
        </select>
      </div>
      <search className="field-search">
        <form className="field" onSubmit={submitSearch}>
          <label htmlFor={`${id}-q`}>{t('Search')}</label>
          <div className="search-row">
            <input
              id={`${id}-q`}
              type="search"
              dir="auto"
              placeholder={t('Words in title or text, e.g. اسرائيل')}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
            <button type="submit">{t('Search')}</button>
          </div>
        </form>
      </search>
      <div className="field field-unique">
        <span className="field-label" id={`${id}-unique`}>
          {t('Copies')}
        </span>
        <label
          className="check"
          title={t('Leave out syndicated copies and near-duplicates: each text counts once.')}
        >
          <input
            type="checkbox"
            data-testid="unique-filter"
            aria-describedby={`${id}-unique`}
            checked={unique}
            onChange={(event) => {
              setPendingUnique({ from: filters, unique: event.target.checked });
              onChange({ ...filters, unique: event.target.checked || undefined });
            }}
          />
          <span>{t('Unique texts only')}</span>
        </label>
      </div>
      {hasAnyFilter(filters) ? (
        <button type="button" className="link-button clear-filters" onClick={() => onChange(emptyFilters)}>
          {t('Clear filters')}
        </button>
      ) : null}
    </section>
  );
}
