import { foldTerm, termsOfTokens } from "../analyse/terms.js";
import { tokenizeBlock } from "../analyse/tokens.js";
import { vocabulary, type CasualtyCategory, type QuestionKind } from "../analyse/vocabulary.js";
import { nameKey, textKey } from "../store/keys.js";
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
  /** The story's actors the question names, by name or alias, in the order it names them ("What did X tell Y?": X speaks). */
  named: ActorIndexRow[];
}

/** A synonym reaches less far than the word itself; a casualty word of the same category, or another name of a country, nearly as far. */
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
// A country by any one-word name, adjective or capital stands for the others ("Tashkent", "Uzbek", "Uzbekistan").
const countryWords = new Map<string, string[]>();
for (const country of vocabulary.countries) {
  const forms = [...new Set([...country.names, ...country.demonyms, ...country.capitals].map(foldTerm).filter((w) => w && !w.includes(" ")))];
  for (const form of forms) countryWords.set(form, [...(countryWords.get(form) ?? []), ...forms.filter((f) => f !== form)]);
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
  for (const word of countryWords.get(term) ?? []) add(word, CATEGORY_WEIGHT);
  return { term, variants, proper };
}

// "What did MEPs demand?" asks about the European Parliament: the words for a body's members name it
// (not "members", said of any body).
const membersOf = new Map<string, string[]>();
for (const o of vocabulary.organisations) {
  const members = (o.members ?? []).filter((m) => !/^members?$/i.test(m));
  if (members.length) for (const n of [o.name, ...o.aliases]) membersOf.set(nameKey(n), members);
}

/** The actors a question names by name or alias (names of three letters or more), in the order it names them. */
function namedIn(questionKey: string, actors: readonly ActorIndexRow[]): ActorIndexRow[] {
  const firstAt = (a: ActorIndexRow) =>
    Math.min(
      ...[a.name, ...a.aliases, ...(membersOf.get(nameKey(a.name)) ?? [])]
        .filter((n) => n.length > 2 && hasPhrase(questionKey, n))
        .map((n) => ` ${questionKey} `.indexOf(` ${textKey(n)} `)),
    );
  return actors
    .map((actor) => ({ actor, at: firstAt(actor) }))
    .filter(({ at }) => Number.isFinite(at))
    .sort((a, b) => a.at - b.at)
    .map(({ actor }) => actor);
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
// "look into" → investigate; "take place" → nothing to look for.
const phrasals = new Map(Object.entries(questions.phrasals).map(([phrase, word]) => [textKey(phrase), foldTerm(word)]));

function questionTerms(question: string, asking: ReadonlySet<string>): Array<{ term: string; proper: boolean }> {
  const seen = new Map<string, boolean>();
  for (const { tokens } of tokenizeBlock(question)) {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (asking.has(textKey(token.text))) continue;
      // "looked into" is "investigate": a two-word verb is looked for as the word a report would use.
      const phrasal = tokens[i + 1] ? phrasals.get(`${token.lemma} ${tokens[i + 1]!.lower}`) : undefined;
      if (phrasal !== undefined) {
        if (phrasal) seen.set(phrasal, seen.get(phrasal) ?? false);
        i += 1;
        continue;
      }
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
  const nameTerms = new Set(named.flatMap((a) => [a.name, ...a.aliases, ...(membersOf.get(nameKey(a.name)) ?? [])].flatMap((n) => textKey(n).split(" "))));
  const { kinds, asking } = kindsOf(questionKey, named);
  const terms = questionTerms(question, asking).filter(({ term }) => term.length > 1 && !ignored.has(term) && !nameTerms.has(term));
  // "Who is X?" asks for X's role; "Who is linked to the monopoly?" asks who did something.
  if (kinds.has("person") && named.length === 0 && terms.length > 2) kinds.delete("person");
  if (kinds.has("person")) kinds.delete("agent");
  const categories = new Set(terms.flatMap(({ term }) => categoryOf(term) ?? []));
  return { concepts: terms.map(({ term, proper }) => conceptOf(term, proper)), kinds, categories, named };
}
