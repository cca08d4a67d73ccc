'use client';

import type { ReactNode } from 'react';

// The overview's building blocks: a titled card with its controls, and a radio group drawn as segments.

export function Card({
  title,
  controls,
  busy,
  testId,
  children,
}: {
  title: string;
  controls?: ReactNode;
  busy: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-busy={busy} data-testid={testId}>
      <header className="card-header">
        <h2>{title}</h2>
        {controls ? <div className="card-controls">{controls}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function Segmented<T extends string>({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  /** The radio group's name: fixed, so switching the interface language does not rename it. */
  name: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="segmented">
      <legend>{label}</legend>
      {options.map((option) => (
        <label key={option.value} className={option.value === value ? 'active' : undefined}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
