export * from './types.ts';
export { foldArabic, toAsciiDigits } from './normalize/arabic.ts';
