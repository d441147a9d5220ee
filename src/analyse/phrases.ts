import type { Token } from "./types.js";

/**
 * Multi-word phrases (country names, organisation names, titles) matched against tokens, longest
 * first. Phrases are keyed by their words' normal form (the tokens' `key`), so "Collective
 * Security Treaty Organisation" matches however an article capitalises it; an entry marked exact
 * (acronyms: "US" is a country, "us" a pronoun) matches only as written.
 */

export interface PhraseHit<T> {
  value: T;
  /** Token index just past the phrase. */
  end: number;
}

interface Entry<T> {
  value: T;
  /** The words as written, for entries that match only so. */
  exact: readonly string[] | null;
}

interface Node<T> {
  next: Map<string, Node<T>>;
  entries: Entry<T>[];
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

const node = <T>(): Node<T> => ({ next: new Map(), entries: [] });

export class PhraseIndex<T> {
  private readonly root: Node<T> = node();

  add(phrase: string, value: T, exact = false): void {
    const words = phraseWords(phrase);
    if (words.length === 0) return;
    let at = this.root;
    for (const word of words) {
      const key = wordKey(word);
      let child = at.next.get(key);
      if (!child) at.next.set(key, (child = node()));
      at = child;
    }
    at.entries.push({ value, exact: exact ? words : null });
  }

  /** The longest phrase starting at token `at` whose value `accept`s, or null. */
  match(tokens: readonly Token[], at: number, accept: (value: T) => boolean = () => true): PhraseHit<T> | null {
    let best: PhraseHit<T> | null = null;
    let current = this.root.next.get(tokens[at]?.key ?? "");
    for (let i = at; current; current = tokens[++i] ? current.next.get(tokens[i]!.key) : undefined) {
      for (const entry of current.entries) {
        if (entry.exact && !entry.exact.every((w, k) => tokens[at + k]!.text === w)) continue;
        if (!accept(entry.value)) continue;
        best = { value: entry.value, end: i + 1 };
        break;
      }
    }
    return best;
  }
}
