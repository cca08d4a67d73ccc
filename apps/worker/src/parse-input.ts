// One raw input to what the store needs: the parsed article and the keys derived from it and the raw bytes
// (see deriveStoreKeys). The same on a parse thread and on the main thread, so which one parsed an input
// changes nothing that is stored.
import type { StoreKeys } from '@rasid/db/queries';
import { deriveStoreKeys } from '@rasid/db/store-keys';
import { type Article, parseDocument, type RawInput } from '@rasid/parser';

/** A parsed input with the keys the store needs, or why it could not be parsed. */
export type ParseOutcome = { article: Article; keys: StoreKeys } | { error: string };

export function parseInput(input: RawInput & { location: string }): ParseOutcome {
  let article: Article;
  try {
    article = parseDocument(input);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return { article, keys: deriveStoreKeys(input, article) };
}
