// Deterministic input mangling for robustness tests: the same seed gives the same broken inputs.

const NOISE = ['<', '>', '"', "'", '&', '/', '\u0000', '\uFFFD', '<!--', ']]>', '<![CDATA[', '\u202E', 'ـ'];

/** One of: cut at a random point, flip random characters, delete closing tags, or all three. */
export function mangle(text: string, rand: () => number): string {
  const mode = Math.floor(rand() * 4);
  let out = text;
  if (mode === 0 || mode === 3) out = out.slice(0, Math.floor(rand() * out.length));
  if (mode === 1 || mode === 3) {
    const chars = out.split('');
    const flips = 1 + Math.floor(rand() * Math.max(1, chars.length / 200));
    for (let i = 0; i < flips && chars.length > 0; i++) {
      const at = Math.floor(rand() * chars.length);
      chars[at] = NOISE[Math.floor(rand() * NOISE.length)] ?? '<';
    }
    out = chars.join('');
  }
  if (mode === 2 || mode === 3) out = out.replace(/<\/[a-zA-Z][^>]*>/g, (m) => (rand() < 0.5 ? '' : m));
  return out;
}
