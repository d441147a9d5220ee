import { foldTerm, termsOfTokens } from "../analyse/terms.js";
import { tokenizeBlock } from "../analyse/tokens.js";
import { vocabulary, type CasualtyCategory, type QuestionKind } from "../analyse/vocabulary.js";
import { textKey } from "../store/keys.js";
import type { ActorIndexRow } from "../store/index.js";

/**
 * What a free question asks, read with the vocabulary of questions (data/vocab/questions.json):
 * the words to look for, each with the words that answer for it, the actors it names, and the kind
 * of answer it wants (a count, a person, a place, a time, a statement, a cause, a meaning). Pure.
 */

/** A word of the question and the words that may stand for it in an answer, each with its weight (the word itself 1). */
export interface Concept {
  term: string;
  variants: ReadonlyMap<string, number>;
  /** A name or number ("Strasbourg", "2021"): what the question is about, not a way of asking. */
  proper: boolean;
}

export interface Question {
  concepts: Concept[];
  kinds: ReadonlySet<QuestionKind>;
  /** The casualty categories a count question asks about ("died" → killed). */
  categories: ReadonlySet<CasualtyCategory>;
  /** The story's actors the question names, by name or alias. */
  named: ActorIndexRow[];
}

/** A synonym reaches less far than the word itself; a casualty word of the same category nearly as far. */
const SYNONYM_WEIGHT = 0.6;
const CATEGORY_WEIGHT = 0.8;

const { questions } = vocabulary;
const timeWords = new Set(questions.kinds.time.markers ?? []);
const ignored = new Set(questions.ignored.map(foldTerm));
const groupsOf = new Map<string, string[]>();
for (const group of questions.synonyms) {
  const folded = group.map(foldTerm).filter((w) => !w.includes(" "));
  for (const word of folded) groupsOf.set(word, [...(groupsOf.get(word) ?? []), ...folded.filter((w) => w !== word)]);
}
const categoryOf = (term: string): CasualtyCategory | undefined =>
  vocabulary.casualtyVerbs.get(term) ?? vocabulary.casualtyNouns.get(term) ?? vocabulary.casualtyAdjectives.get(term);
const categoryWords = new Map<CasualtyCategory, string[]>();
for (const map of [vocabulary.casualtyVerbs, vocabulary.casualtyNouns, vocabulary.casualtyAdjectives])
  for (const [lemma, category] of map) categoryWords.set(category, [...(categoryWords.get(category) ?? []), foldTerm(lemma)]);

/** Whether the folded words contain the folded phrase as whole words. */
export const hasPhrase = (words: string, phrase: string): boolean => ` ${words} `.includes(` ${textKey(phrase)} `);

function conceptOf(term: string, proper: boolean): Concept {
  const variants = new Map<string, number>([[term, 1]]);
  const add = (word: string, weight: number) => {
    if ((variants.get(word) ?? 0) < weight) variants.set(word, weight);
  };
  for (const word of groupsOf.get(term) ?? []) add(word, SYNONYM_WEIGHT);
  const category = categoryOf(term);
  if (category) for (const word of categoryWords.get(category) ?? []) add(word, CATEGORY_WEIGHT);
  return { term, variants, proper };
}

/** The actors a question names by name or alias (names of three letters or more). */
function namedIn(questionKey: string, actors: readonly ActorIndexRow[]): ActorIndexRow[] {
  return actors.filter((a) => [a.name, ...a.aliases].some((n) => n.length > 2 && hasPhrase(questionKey, n)));
}

/** The kinds the question asks for, and the words of the phrases that told them ("which organisations" is no word to look for). */
function kindsOf(questionKey: string, named: readonly ActorIndexRow[]): { kinds: Set<QuestionKind>; asking: Set<string> } {
  const kinds = new Set<QuestionKind>();
  const asking = new Set<string>();
  for (const [kind, { asks }] of Object.entries(questions.kinds) as Array<[QuestionKind, { asks: string[] }]>) {
    for (const phrase of asks.filter((p) => hasPhrase(questionKey, p))) {
      kinds.add(kind);
      // "which organisations", "how long": the words after a question word only ask.
      const words = textKey(phrase).split(" ");
      if (words.length > 1 && ignored.has(words[0]!)) for (const w of words) asking.add(w);
    }
  }
  return { kinds, asking };
}

/** Each content word of the question once, with whether it is a name or number. */
function questionTerms(question: string, asking: ReadonlySet<string>): Array<{ term: string; proper: boolean }> {
  const seen = new Map<string, boolean>();
  for (const { tokens } of tokenizeBlock(question)) {
    for (const token of tokens) {
      if (asking.has(textKey(token.text))) continue;
      // A weekday or month is a time, not a name the story must hold.
      const proper = ((token.capitalised && token.index > 0) || token.unknownWord || /\d/.test(token.text)) && !timeWords.has(token.lower);
      for (const term of termsOfTokens([token])) seen.set(term, (seen.get(term) ?? false) || proper);
    }
  }
  return [...seen].map(([term, proper]) => ({ term, proper }));
}

export function readQuestion(question: string, actors: readonly ActorIndexRow[]): Question {
  const questionKey = textKey(question);
  const named = namedIn(questionKey, actors);
  const nameTerms = new Set(named.flatMap((a) => [a.name, ...a.aliases].flatMap((n) => textKey(n).split(" "))));
  const { kinds, asking } = kindsOf(questionKey, named);
  const terms = questionTerms(question, asking).filter(({ term }) => term.length > 1 && !ignored.has(term) && !nameTerms.has(term));
  // "Who is X?" asks for X's role; "Who is linked to the monopoly?" asks who did something.
  if (kinds.has("person") && named.length === 0 && terms.length > 2) kinds.delete("person");
  if (kinds.has("person")) kinds.delete("agent");
  const categories = new Set(terms.flatMap(({ term }) => categoryOf(term) ?? []));
  return { concepts: terms.map(({ term, proper }) => conceptOf(term, proper)), kinds, categories, named };
}
