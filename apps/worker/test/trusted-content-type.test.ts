import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trustedContentType } from '../src/collect/charset.ts';
import { REPO_ROOT } from '../src/env.ts';

const FEEDS = path.resolve(REPO_ROOT, '../shared/feeds/rss-parser/input');
// A real ISO-8859-1 feed (Jornal de Notícias) and a real UTF-8 one (the Guardian).
const LATIN1 = readFileSync(path.join(FEEDS, 'encoding.rss'));
const UTF8 = readFileSync(path.join(FEEDS, 'guardian.rss'));
const ASCII = Buffer.from('<rss><channel><title>plain</title></channel></rss>');

describe('trustedContentType', () => {
  it.each([
    ['no header', null, UTF8, null],
    ['no charset', 'application/rss+xml', LATIN1, 'application/rss+xml'],
    ['a true utf-8 label', 'text/xml; charset=utf-8', UTF8, 'text/xml; charset=utf-8'],
    ['a true latin-1 label', 'text/xml; charset=ISO-8859-1', LATIN1, 'text/xml; charset=ISO-8859-1'],
    ['utf-8 on Latin-1 bytes', 'application/rss+xml; charset=utf-8', LATIN1, 'application/rss+xml'],
    ['latin-1 on UTF-8 bytes', 'text/xml; charset="iso-8859-1"', UTF8, 'text/xml'],
    ['windows-1252 on UTF-8 bytes', 'text/xml;charset=windows-1252', UTF8, 'text/xml'],
    ['latin-1 on pure ASCII', 'text/xml; charset=iso-8859-1', ASCII, 'text/xml; charset=iso-8859-1'],
    ['an empty charset', 'text/xml; charset=', UTF8, 'text/xml'],
  ])('%s', (_name, header, bytes, expected) => {
    expect(trustedContentType(header, bytes)).toBe(expected);
  });
});
