// Next's ambient types (CSS imports, process.env typing) for `tsc` runs before `next build` has written
// next-env.d.ts, which is generated and not committed.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
