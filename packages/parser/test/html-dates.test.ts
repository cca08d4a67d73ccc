import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../src/html/index.ts';
import { collectFacts } from '../src/html/metadata.ts';
import { collectPageDates } from '../src/html/published.ts';

const DIR = resolve(import.meta.dirname, '../../../../shared/html/trafilatura');
const hasData = existsSync(`${DIR}/evaldata.json`) || !!process.env.CI;

type Entry = { file: string; date?: string };

function page(file: string): { url: string; html: string; entry: Entry } {
  const data = JSON.parse(readFileSync(`${DIR}/evaldata.json`, 'utf8')) as Record<string, Entry>;
  const found = Object.entries(data).find(([, e]) => e.file === file);
  if (!found) throw new Error(`${file}: not in evaldata.json`);
  const path = [`${DIR}/eval/${file}.gz`, `${DIR}/cache/${file}.gz`].find(existsSync);
  if (!path) throw new Error(`${file}: no page file under ${DIR}`);
  return {
    url: found[0],
    html: new TextDecoder('utf-8').decode(gunzipSync(readFileSync(path))),
    entry: found[1],
  };
}

// Real pages of the trafilatura set, one per way a page dates itself; the expected day is the set's own.
// file, day, source, modified date used
const DATED: [string, string, string, boolean?][] = [
  // No metadata: a labelled date in the text ("Geschrieben von Cooper am 25.08.2015", "Datum: 18.10.2021").
  ['bayrische-bembel.de.504.html', '2015-08-25', 'text'],
  ['zoll.de-Tabaksteuer.html', '2021-10-18', 'text'],
  // No metadata: a short dateline under the headline ("26 Mai, 2008 | ThE_PaiN", "Teile: 24.01.2022 11:38").
  ['archive.org.the-pain.net.silkroad.html', '2008-05-26', 'text'],
  ['taucher.net-tauchmesse.html', '2022-01-24', 'text'],
  // "Datum:" in a page whose frame is classed "with-navigation": a layout state, not a navigation box.
  ['livenet.ch-sprache.html', '2021-11-19', 'text'],
  // A Russian dateline ("15 августа 2016, 13:43").
  ['football.ua.podolski.html', '2016-08-15', 'text'],
  // The URL's last segment is the day, day first: /meldungen/29-10-2021.
  ['weisser-ring.de-Erfolgsgechichte.html', '2021-10-29', 'url'],
  // The machine date's time is garbled ("2022-01-10T22:06:08:684Z"); its day still counts.
  ['homify.de-Tischdecke.html', '2022-01-10', 'meta'],
  // Only a generic `date` / `dcterms.date` meta dates the page; the one date it prints by the headline
  // ("Presse und News > 05.02.2020") or in its <time> ("25.01.2022") wins.
  ['ejwue.de.lieferketten.html', '2020-02-05', 'text'],
  ['umweltbundesamt.de-atomkraft.html', '2022-01-25', 'time-element'],
  // JSON-LD "Wed, 04 May 2022 02:41:00 GMT"; the page prints 03/05/2022, the outlet's own day (UTC−4).
  ['eldeber.com.bo-autos.html', '2022-05-03', 'json-ld'],
  // Three <h1>s, two of them logos; the headline is the one repeating the title, so the banner's
  // "Mittwoch, 26. Februar 2020" above it is not a dateline and the `date` meta stands.
  ['deutschlandfunk.de.titanic.html', '2017-05-01', 'meta'],
  // WordPress prints the published and the updated <time> glued together by the headline: the
  // published one confirms the date found.
  ['dobszay.ch.geheimdiensten.html', '2016-04-15', 'time-element'],
  // "Stand: 28.04.2020" is the one date tagesschau.de and wdr.de print by the headline; their metadata
  // puts the article a day apart.
  ['tagesschau.de.rheinmetall.html', '2020-04-28', 'text'],
  ['www1.wdr.de-Correctiv-Recherche.html', '2023-11-07', 'text'],
  // "Written: 2023-11-07 15:03:30 / Updated: …" by the headline comes before a date-classed element
  // of a video list further down ("231103").
  ['world.kbs.co.kr-Temperatures.html', '2023-11-07', 'text'],
  // A date opening the first paragraph under the headline and its standfirst: "01.02.2022 „Der …".
  ['arbeitsagentur.de-arbeitsmarkt.html', '2022-02-01', 'text'],
  // `date` meta of 20 December; the page prints 27.01.2022 alone by the headline. "Feiert am 13. März"
  // in the sentence below is an event, not a second dateline.
  ['deutscheweine.de-riesling.html', '2022-01-27', 'text'],
  // phpBB: "Beitrag von r23 » 21.01.2009" is the post's byline; "Aktuelle Zeit: 14.10.2020, 12:18" in
  // a date-classed footer is the page's clock.
  ['foren.myoos.de.html', '2009-01-21', 'text'],
  // No date by the headline; a list of posts links to the page itself with its date beside the link:
  // "Wahlzensur: Angriff auf Universitäten 26/10/2018", "16.10.2021 <a href=../detail1.php?id=765…>",
  // "<a rel=bookmark …>Literatur und Animated Typography</a> wurde am 19. Mai 2010 … gepostet".
  ['silvias.net.wahlzensur.html', '2018-10-26', 'text'],
  ['ditb.de-Propheten.html', '2021-10-16', 'text'],
  ['archive.org.bewegliche-lettern.de.typography.html', '2010-05-19', 'text'],
  // JSON-LD says 4 January, two <meta> fields 6 January: the fields outvote it.
  ['outdoor-magazin.com-vanlife.html', '2022-01-06', 'meta'],
  // JSON-LD's datePublished is a year old; the page shows its dateModified by the headline.
  ['womenshealth.de.weihnachten.html', '2022-12-15', 'meta'],
  ['rtl.de-lockdown.html', '2021-03-20', 'json-ld', true],
  // No <h1>; the <h2> repeats the <title> with "-" where the title has "–". The dateline opening the
  // first paragraph under it ("31. Oktober 2023. Dragqueens sind …") beats the date-classed elements of
  // the column list further down ("Über das Spiel mit den Pseudonymen 24. Oktober 2023").
  ['nachtkritik.de-Dragqueens.html', '2023-10-31', 'text'],
  // The page's whole frame sits in a "navigation-overlay-wrapper" that also holds the headline: only
  // boxes below the headline's column can be asides. "Stand - 12.11.2021" by the headline is no range's
  // end (no number before the dash), and beats a teaser's date-classed "04.11.2021" further down.
  ['auswaertiges-amt.de-Italien.html', '2021-11-12', 'text'],
  // "Erschienen am: 13.10.2021" in the meta box beside the story (a sidebar box of the headline's own
  // column) beats the generic `date` meta, which is the "Zuletzt geändert am: 15.10.2021" below it.
  ['caritas.de-Präsidentin.html', '2021-10-13', 'text'],
  // The story's column is "sidebar__main" inside a "lay-sidebar" layout, a sibling of the headline's box:
  // a box named as the main column ends the walk for asides, so its <time> "3 de mayo de 2022" shows
  // the local day of the JSON-LD's "Wed, 04 May 2022 00:25:56 GMT".
  ['lanacion.com.ar-jugada.html', '2022-05-03', 'json-ld'],
  // No dateline by the headline; the page's one <time> ("Erscheinungsdatum" 25.01.2022 in its metadata
  // box) beats an og:article:published_time of 15 January.
  ['sac-cas.ch-schneesport.html', '2022-01-25', 'time-element'],
  // The only <h1> is the logo, a link to the home page; the headline is the <h2> repeating the <title>
  // (not the recent-posts list above it that also links the post), and "8. Dezember 2010 um 09:43"
  // under it is the dateline.
  ['der-erfolg-gibt-recht.de.rinderleber.html', '2010-12-08', 'text'],
  // A wiki page dated only by its footer: "Diese Seite wurde zuletzt am 29. Januar 2020 um 19:38 Uhr
  // geändert" ("zuletzt", last, labels an update as "last edited" does).
  ['wiki.piratenpartei.de.stammtisch.html', '2020-01-29', 'text'],
  // No <h1>, and the <title> names only the site and section ("energieverbraucher.de | Gaspreise"): the
  // box classed "itc-headline" is the headline, so "Von Leonora Holling (21. November 2022) …" two
  // blocks under it is the byline's date.
  ['energieverbraucher.de.energie.html', '2022-11-21', 'text'],
];

// A line by the headline whose date sits inside a sentence is no dateline: "Der nächste Stammtisch
// findet am Mi. 5. Februar 2020 ab 19 Uhr …" under the heading of a wiki page is an event's day.
describe.skipIf(!hasData)('sentences by the headline', () => {
  it('does not date a page by an event announced under its heading', () => {
    const { url, html } = page('wiki.piratenpartei.de.stammtisch.html');
    expect(html).toContain('Der nächste Stammtisch findet am Mi. 5. Februar 2020');
    expect(extractHtml(html, url).published?.day).not.toBe('2020-02-05');
  });
});

// Pages the set marks undated whose only dates sit in reviews or in a list of other posts.
const UNDATED = ['1337kultur.de.picard.html', 'uniqz.de.katzendecke.html'];

describe.skipIf(!hasData)('extractHtml publication dates on trafilatura pages', () => {
  it.each(DATED)('%s: %s from %s', (file, day, source, modified) => {
    const { url, html, entry } = page(file);
    expect(entry.date).toBe(day);
    const published = extractHtml(html, url).published;
    expect(published?.day).toBe(day);
    expect(published?.source).toBe(source);
    expect(published?.fromModified ?? false).toBe(modified ?? false);
  });

  // The site banner's <time> (in a <header> without a heading) prints the day the page was fetched:
  // "Mittwoch, 01. November 2023" above a column of 31 October (nachtkritik.de-Dragqueens.html).
  it('never takes the date printed in the site banner', () => {
    const { url, html } = page('nachtkritik.de-Dragqueens.html');
    expect(html).toContain('<time datetime="2023-11-01T13:56:20+01:00">');
    expect(extractHtml(html, url).published?.day).not.toBe('2023-11-01');
  });

  // A forum's footer "Aktuelles Datum und Uhrzeit: 11/02/20, 07:22 pm" is when the page was served.
  it('never takes the page’s clock', () => {
    const { url, html } = page('wolfsrebellen-netz.forumieren.com.regeln.html');
    expect(html).toContain('Aktuelles Datum und Uhrzeit: 11/02/20, 07:22 pm');
    expect(extractHtml(html, url).published?.day).not.toBe('2020-02-11');
  });

  // The header's date widget of an Arabic page (<div id="date-widget"> Feb. 19 2020) is today's date.
  it('never takes a date widget', () => {
    const { url, html } = page('assabah.com.tn.article.html');
    expect(html).toContain('<div id="date-widget">');
    expect(extractHtml(html, url).published?.day).not.toBe('2020-02-19');
  });

  it.each(UNDATED)('%s: no date rather than another item’s', (file) => {
    const { url, html, entry } = page(file);
    expect(entry.date).toBe('');
    expect(extractHtml(html, url).published).toBeNull();
  });
});

// The labels before a date are whole words, or German compounds ending in one ("Erscheinungsdatum").
describe('date labels', () => {
  const cues = (html: string): (string | null)[] =>
    collectPageDates(collectFacts(parseDocument(html, { decodeEntities: true }))).map((d) => d.cue);
  it.each([
    ['<p>Erscheinungsdatum: 12.03.2020</p>', 'published'],
    ['<p>Bearbeitungsstand: 12.03.2020</p>', 'updated'],
    ['<p>Stand: 12.03.2020</p>', 'updated'],
    ['<p>Diese Seite wurde zuletzt am 29. Januar 2020 um 19:38 Uhr geändert.</p>', 'updated'],
    ['<p>Dernière modification : 12/03/2020</p>', 'updated'],
    ['<p>Ultima modifica: 12/03/2020</p>', 'updated'],
    ['<p>آخر تعديل: 12/03/2020</p>', 'updated'],
    ['<p>نشر في 24 نوفمبر 2021</p>', 'published'],
    // "date" inside "update", "stand" inside "Stillstand" or "Zustand" are other words.
    ['<p>Update 12.03.2020: neue Zahlen</p>', 'updated'],
    ['<p>Die Lawine kam zum Stillstand (Foto: T. Laine, 16.1.2022)</p>', null],
    ['<p>Der Zustand am 16.1.2022 war gut</p>', null],
  ])('%s: %s', (html, cue) => {
    expect(cues(`<html><body><h1>Eine Überschrift</h1>${html}</body></html>`)[0]).toBe(cue);
  });
});

// A box named as the main column ends the walk up for asides; asides inside it stay asides.
describe('main column', () => {
  const asides = (html: string): boolean[] =>
    collectPageDates(collectFacts(parseDocument(`<html><body>${html}</body></html>`))).map((d) => d.aside);
  it('reads the main part of a layout with a sidebar', () => {
    expect(
      asides(
        '<div class="lay-sidebar"><div class="sidebar__main"><p>21.01.2022</p></div><div class="sidebar__aside"><p>22.01.2022</p></div></div>',
      ),
    ).toEqual([false, true]);
  });
  it('keeps a sidebar inside <main> an aside', () => {
    expect(
      asides('<div class="sidebar"><main><p>21.01.2022</p><aside><p>22.01.2022</p></aside></main></div>'),
    ).toEqual([false, true]);
  });
});

// The headline is the block repeating the page's title: a logo <h1> linking home is not it, and a
// heading repeating the title beats a list of recent posts that names the page first.
describe('headline', () => {
  it('skips a logo <h1> and a recent-posts list', () => {
    const html = `<html><head><title>Rinderleber mit Apfel und Zwiebel | Liebe geht durch den Magen</title></head><body>
      <h1><a href="http://www.example.de/">Liebe geht durch den Magen</a></h1>
      <ul class="posts"><li><a href="/x.htm">Rinderleber mit Apfel und Zwiebel</a></li></ul>
      <p>01.12.2010</p>
      <h2><a href="/x.htm">Rinderleber mit Apfel und Zwiebel</a></h2>
      <p>8. Dezember 2010 um 09:43</p></body></html>`;
    const dates = collectPageDates(collectFacts(parseDocument(html, { decodeEntities: true })));
    expect(dates.map((d) => [d.date.day, d.fromTitle])).toEqual([
      ['2010-12-01', -1],
      ['2010-12-08', 1],
    ]);
  });
});
