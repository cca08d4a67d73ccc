// Servers often label a charset wrongly (a default `charset=utf-8` on a Latin-1 feed, or `iso-8859-1` on
// UTF-8). The parser trusts the header first, as browsers do; here a header the bytes plainly contradict is
// dropped, so the document's own declaration (<?xml encoding?>, <meta charset>) or sniffing decides.

const SINGLE_BYTE = /^(iso-?8859-\d+|latin-?\d|l\d|windows-125\d|cp125\d|us-ascii|ascii|koi8-[ru])$/;

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** The Content-Type to pass on as the decoding hint: the header, or its media type alone when its charset lies. */
export function trustedContentType(contentType: string | null, bytes: Uint8Array): string | null {
  if (!contentType) return null;
  const [media = '', ...params] = contentType.split(';');
  const charsetParam = params.find((p) => /^\s*charset\s*=/i.test(p));
  if (!charsetParam) return contentType;
  const charset = charsetParam
    .split('=')[1]
    ?.trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!charset) return media.trim();
  const utf8Label = charset === 'utf-8' || charset === 'utf8';
  // Invalid UTF-8 cannot be UTF-8; valid multi-byte UTF-8 is almost never meant as single-byte text.
  if (utf8Label && !isUtf8(bytes)) return media.trim();
  if (SINGLE_BYTE.test(charset) && hasHighBytes(bytes) && isUtf8(bytes)) return media.trim();
  return contentType;
}
