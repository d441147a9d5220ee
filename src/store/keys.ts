/**
 * Identity keys for recognising the same fact across articles and article versions. Outlets and
 * translations differ in case, accents, quote marks and punctuation, and none of that makes a
 * fact new.
 */
export function textKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "The demonstrators" and "demonstrators" count the same people. */
function phraseKey(text: string | null): string {
  return textKey(text ?? "").replace(/^(?:the|a|an) /, "");
}

/** What a later figure of the same kind supersedes: same category, same people counted, same unit. */
export function figureKindKey(figure: { category: string; who: string | null; unit: string | null }): string {
  return `${figure.category}|${phraseKey(figure.who)}|${phraseKey(figure.unit)}`;
}

export function nameKey(name: string): string {
  return phraseKey(name);
}

/** Epoch milliseconds of an ISO time, for ordering; null when absent or unreadable. */
export function timeMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
