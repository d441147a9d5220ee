import type { Token } from "./types.js";

/**
 * Multi-word phrases (country names, organisation names, titles) matched against tokens, longest
 * first. Phrases are keyed by their lowercase words, so "Collective Security Treaty Organisation"
 * matches however an article capitalises it; an entry marked exact (acronyms: "US" is a country,
 * "us" a pronoun) matches only as written.
 */

export interface PhraseHit<T> {
  value: T;
  /** Token index just past the phrase. */
  end: number;
}

const wordKey = (word: string): string => word.toLowerCase().replace(/’/g, "'").replace(/\.$/, "");

/** Splits a phrase as the tokenizer splits text: on spaces, with a possessive "'s" on its own. */
export function phraseWords(phrase: string): string[] {
  return phrase
    .trim()
    .split(/\s+/)
    .flatMap((word) => (/^.+['’]s$/i.test(word) ? [word.slice(0, -2), "'s"] : [word]))
    .filter(Boolean);
}

export class PhraseIndex<T> {
  private readonly entries = new Map<string, { value: T; exact: string | null }[]>();
  /** Longest phrase starting with each first word: most tokens start none and are dismissed at once. */
  private readonly longestFrom = new Map<string, number>();

  add(phrase: string, value: T, exact = false): void {
    const words = phraseWords(phrase);
    if (words.length === 0) return;
    const key = words.map(wordKey).join(" ");
    const list = this.entries.get(key) ?? [];
    list.push({ value, exact: exact ? words.join(" ") : null });
    this.entries.set(key, list);
    const first = wordKey(words[0]!);
    this.longestFrom.set(first, Math.max(this.longestFrom.get(first) ?? 0, words.length));
  }

  /** The longest phrase starting at token `at` (skipping nothing), or null. */
  match(tokens: readonly Token[], at: number, accept: (value: T) => boolean = () => true): PhraseHit<T> | null {
    const first = tokens[at];
    if (!first) return null;
    const longest = this.longestFrom.get(wordKey(first.text)) ?? 0;
    if (longest === 0) return null;
    const keys: string[] = [];
    for (let n = 0; n < longest && at + n < tokens.length; n++) {
      const word = wordKey(tokens[at + n]!.text);
      keys.push(n === 0 ? word : `${keys[n - 1]} ${word}`);
    }
    for (let n = keys.length - 1; n >= 0; n--) {
      const list = this.entries.get(keys[n]!);
      if (!list) continue;
      const written = () =>
        tokens
          .slice(at, at + n + 1)
          .map((t) => t.text)
          .join(" ");
      for (const entry of list) {
        if (entry.exact !== null && written() !== entry.exact) continue;
        if (!accept(entry.value)) continue;
        return { value: entry.value, end: at + n + 1 };
      }
    }
    return null;
  }
}
