// Bytes to text. Collected documents arrive in whatever encoding their site used; Arabic sites still
// serve windows-1256 and ISO-8859-6, so the charset is taken from the strongest evidence available.

export type DecodeHints = { contentType?: string; location?: string };

const SNIFF_BYTES = 2048;

function labelFromContentType(contentType: string | undefined): string | null {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m?.[1] ?? null;
}

/** The charset a document declares about itself in its first bytes: HTML meta or the XML declaration. */
function labelFromDocument(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return meta?.[1] ?? null;
}

function decoderFor(label: string | null): InstanceType<typeof TextDecoder> | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

function bomEncoding(bytes: Uint8Array): { label: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', skip: 2 };
  return null;
}

/** True when bytes are not text: NUL bytes (outside UTF-16) or mostly control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bomEncoding(bytes)?.label.startsWith('utf-16')) return false;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/**
 * Legacy 8-bit text: windows-1256 when its decoding reads as Arabic letters, else windows-1252.
 * In windows-1256 most high bytes are Arabic letters; in Western text they are sparse accented letters.
 */
function sniffLegacy(bytes: Uint8Array): string {
  const arabic = new TextDecoder('windows-1256').decode(bytes);
  let high = 0;
  for (const b of bytes) if (b >= 0x80) high++;
  const letters = arabic.match(/[\u0621-\u064A]/g)?.length ?? 0;
  return high > 0 && letters / high > 0.6 ? arabic : new TextDecoder('windows-1252').decode(bytes);
}

/**
 * Decodes collected bytes: BOM first, then the declared charset (Content-Type, then HTML `<meta>` or the
 * XML declaration), then UTF-8 when the bytes are valid UTF-8, then windows-1256 for Arabic-looking
 * bytes, else windows-1252. A leading BOM is never part of the result.
 */
export function decodeBytes(bytes: Uint8Array, hints: DecodeHints = {}): string {
  const bom = bomEncoding(bytes);
  if (bom) return new TextDecoder(bom.label).decode(bytes.subarray(bom.skip));
  const declared =
    decoderFor(labelFromContentType(hints.contentType)) ?? decoderFor(labelFromDocument(bytes));
  // A UTF-16 label in a document we could read as ASCII is a lie (the meta tag itself was 8-bit).
  if (declared && !declared.encoding.startsWith('utf-16'))
    return declared.decode(bytes).replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return sniffLegacy(bytes);
  }
}

/** Text of an input that may be bytes or already text; a BOM is dropped either way. */
export function decodeContent(content: Uint8Array | string, hints: DecodeHints = {}): string {
  return typeof content === 'string' ? content.replace(/^\uFEFF/, '') : decodeBytes(content, hints);
}
