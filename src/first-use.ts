import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package loaded when it is first called for, not when the module naming it is imported: the
 * parsers (linkedom, chrono, feedsmith) and the language model are most of an idle bot's memory,
 * and the main thread of a bot whose ingests run on a worker thread may never use them. Loaded
 * synchronously (each ships CommonJS), so the functions using them stay synchronous.
 */
export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
