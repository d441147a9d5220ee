import { vocabulary, type Vocabulary } from "../analyse/vocabulary.js";

/**
 * Who a figure counts, normalised: outlets word the same people differently ("people", "deceased
 * people", "persons", "victims"), and only a normalised population lets their reports of one toll
 * form one series. A place's or a group's share ("people in Almaty", "police among the 164") is a
 * part, shown under its total and never as a rival total.
 */
export interface Population {
  /** Stable key: the group ("everyone", "security-forces"), with "@place" for a place's share. */
  key: string;
  /** How a reader names it: "people", "security forces", "people in Almaty". */
  label: string;
  /** The whole every other population of the category is a part of. */
  whole: boolean;
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]+/gu, " ")
    .split(/\s+/)
    .filter(Boolean);

function hasPhrase(tokens: readonly string[], phrase: string): boolean {
  const parts = phrase.split(" ");
  for (let i = 0; i + parts.length <= tokens.length; i++) if (parts.every((p, j) => tokens[i + j] === p)) return true;
  return false;
}

/** "in Almaty", "at Republic Square", "in hospital": where the share is, after the last place word. */
function placeOf(tokens: readonly string[], who: string, placeWords: ReadonlySet<string>): { word: string; place: string } | null {
  const at = tokens.findLastIndex((t, i) => i > 0 && placeWords.has(t));
  if (at < 0) return null;
  const word = tokens[at]!;
  // The place as the article writes it (case kept), after that word.
  const found = [...who.matchAll(new RegExp(`\\b${word}\\s+(.+)$`, "giu"))].at(-1)?.[1];
  return found ? { word, place: found.replace(/^the\s+/i, "").trim() } : null;
}

export function populationOf(who: string | null, vocab: Vocabulary = vocabulary): Population {
  const { populations, placeWords, partWords } = vocab.populations;
  const everyone = populations.find((p) => p.key === "everyone") ?? populations[populations.length - 1]!;
  if (!who) return { key: everyone.key, label: everyone.label, whole: true };
  const tokens = words(who);
  const group = populations.find((p) => p.words.some((w) => hasPhrase(tokens, w)));
  const place = placeOf(tokens, who, new Set(placeWords));
  const base = group ?? { key: tokens.filter((t) => !/^(?:the|a|an)$/.test(t)).join("-") || everyone.key, label: who };
  if (place) {
    const label = `${group?.label ?? everyone.label} ${place.word} ${place.place}`;
    return { key: `${base.key}@${place.place.toLowerCase()}`, label, whole: false };
  }
  const share = partWords.some((w) => hasPhrase(tokens, w));
  if (share) return { key: `${base.key}<`, label: base.label, whole: false };
  return { key: base.key, label: base.label, whole: base.key === everyone.key };
}
