import type { AsOfFallback, AsOfSource } from "./article.js";

export interface ChosenAsOf {
  asOf: string | null;
  from: AsOfSource | null;
  /** The time the article, its metadata or its dateline states; null when only a guess dates it. */
  stated: string | null;
}

/**
 * An article's as-of time: the first of the time it states itself, its metadata's, its dateline's,
 * and the caller's fallback (file modification or fetch time). A fallback is a guess: it is not
 * hashed (touching or re-fetching an unchanged article must not make it "updated") and never
 * becomes a video's aired time.
 */
export function chooseAsOf(article: string | null, metadata: string | null, dateline: string | null, fallback: AsOfFallback | undefined): ChosenAsOf {
  const stated: Array<[AsOfSource, string | null]> = [
    ["article", article],
    ["metadata", metadata],
    ["dateline", dateline],
  ];
  const found = stated.find(([, at]) => at !== null);
  if (found) return { asOf: found[1], from: found[0], stated: found[1] };
  return fallback ? { asOf: fallback.at, from: fallback.from, stated: null } : { asOf: null, from: null, stated: null };
}
