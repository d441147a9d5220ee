import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";
import { packageRoot } from "../package-root.js";

/**
 * Every word list the analysis stage and the extractors use, read once from `data/vocab/` (one file
 * per vocabulary, see its README) and from the `world-countries` dataset, and checked on load so a
 * broken data file stops the bot at start with the file's name instead of misreading articles.
 */

const vocabDir = new URL("data/vocab/", packageRoot);

function load<T>(file: string, schema: z.ZodType<T>): T {
  const path = new URL(file, vocabDir);
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`data/vocab/${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const words = z.array(z.string().min(1));

const CountriesFile = z.object({
  countries: z.record(
    z.string().length(2),
    z.object({ name: z.string().optional(), demonyms: words.default([]), aliases: words.default([]), capitals: words.default([]) }),
  ),
  alsoGivenNames: words,
  regions: words,
});

const OrganisationsFile = z.object({
  organisations: z.array(
    z.object({
      name: z.string().min(1),
      aliases: words,
      anaphors: words,
      kind: z.enum(["international", "government", "ngo", "company"]),
      country: z.string().length(2).optional(),
      parent: z.string().optional(),
      /** Its statements are its head's (a presidency speaks for the president). */
      speaksForHead: z.boolean().optional(),
      /** Nouns for its members, whose acts are the body's ("MEPs", "lawmakers"). */
      members: words.optional(),
      exactCase: z.boolean().optional(),
    }),
  ),
});

const MediaFile = z.object({ media: words, exactCase: words });

const TitlesFile = z.object({
  titles: z.array(
    z.object({
      title: z.string().min(1),
      top: z.boolean().optional(),
      international: z.boolean().optional(),
      countries: z.array(z.string().length(2)).optional(),
      speaksFor: z.boolean().optional(),
      relational: z.boolean().optional(),
    }),
  ),
  prefixes: words,
  pastPrefixes: words,
  press: words,
  honorifics: words,
  generic: words,
});

const InstitutionsFile = z.object({
  heads: words,
  mediaHeads: words,
  notActorHeads: words,
  organs: z.array(z.object({ kind: z.string().min(1), forms: words })),
  descriptors: words,
});

const VerbsFile = z.object({
  speech: words,
  reporting: words,
  reaction: words,
  feeling: words,
  hearsay: words,
  hearsayWords: words,
  phrasal: z.array(z.tuple([z.string(), z.string()])),
});

const Casualty = z.object({ verbs: words, nouns: words, adjectives: words });
const CasualtiesFile = z.object({
  categories: z.object({ killed: Casualty, injured: Casualty, arrested: Casualty, detained: Casualty, missing: Casualty }),
  lives: words,
  livesVerbs: words,
  tollVerbs: words,
  holdNeedsObject: words,
  durations: words,
  notCounted: words,
});

const QualifiersFile = z.object({
  before: z.object({ "at least": words, "more than": words, "up to": words, almost: words, about: words }),
  after: z.object({ "at least": words }),
});

const AbbreviationsFile = z.object({ abbreviations: words });

const PrepositionsFile = z.object({ beforeTo: words });

const PopulationsFile = z.object({
  populations: z.array(z.object({ key: z.string().min(1), label: z.string().min(1), words })).min(1),
  placeWords: words,
  partWords: words,
});

const FunctionWordsFile = z.object({ words });

const QuestionKind = z.object({ asks: words, markers: words.optional() });
const QuestionsFile = z.object({
  ignored: words,
  synonyms: z.array(words.min(2)),
  kinds: z.object({
    count: QuestionKind,
    person: QuestionKind,
    agent: QuestionKind,
    place: QuestionKind,
    time: QuestionKind,
    statement: QuestionKind,
    cause: QuestionKind,
    meaning: QuestionKind,
    recent: QuestionKind,
  }),
  phrasals: z.record(z.string().min(1), z.string()),
  continuations: words,
  broadPopulations: words,
});

/** The fields of world-countries this project reads. */
const WorldCountry = z.object({
  name: z.object({ common: z.string(), official: z.string() }),
  cca2: z.string(),
  altSpellings: z.array(z.string()),
  capital: z.array(z.string()),
  demonyms: z.object({ eng: z.object({ m: z.string(), f: z.string() }).optional() }).optional(),
});

const require = createRequire(import.meta.url);

export type QuestionKind = keyof z.infer<typeof QuestionsFile>["kinds"];

export type CasualtyCategory = "killed" | "injured" | "arrested" | "detained" | "missing";

export interface CountryEntry {
  code: string;
  /** The name shown ("Kazakhstan", "United States"). */
  name: string;
  names: string[];
  /** Adjectives, the one that reads best in a name first ("Kazakh" before "Kazakhstani"). */
  demonyms: string[];
  capitals: string[];
}

export type OrganisationEntry = z.infer<typeof OrganisationsFile>["organisations"][number];
export type TitleEntry = z.infer<typeof TitlesFile>["titles"][number];

const latinName = /^[\p{Script=Latin}\p{M}0-9 .'’-]+$/u;

function countries(): CountryEntry[] {
  const extra = load("countries.json", CountriesFile).countries;
  const world = z.array(WorldCountry).parse(require("world-countries"));
  return world.map((c) => {
    const add = extra[c.cca2];
    // The dataset's two- and three-letter codes ("IN", "AM", "NO") are ordinary words in running text.
    const alt = c.altSpellings.filter((a) => a.length > 3 && latinName.test(a) && !a.includes(","));
    const demonym = c.demonyms?.eng?.m;
    return {
      code: c.cca2,
      name: add?.name ?? c.name.common,
      names: [...new Set([add?.name ?? c.name.common, c.name.common, c.name.official, ...alt, ...(add?.aliases ?? [])])],
      demonyms: [...new Set([...(add?.demonyms ?? []), ...(demonym ? [demonym] : [])])],
      capitals: [...new Set([...c.capital.filter((name) => latinName.test(name)), ...(add?.capitals ?? [])])],
    };
  });
}

const lower = (list: readonly string[]) => new Set(list.map((w) => w.toLowerCase()));

function buildVocabulary() {
  const casualties = load("casualties.json", CasualtiesFile);
  const verbs = load("verbs.json", VerbsFile);
  const titles = load("titles.json", TitlesFile);
  const institutions = load("institutions.json", InstitutionsFile);
  const media = load("media.json", MediaFile);
  const qualifiers = load("qualifiers.json", QualifiersFile);
  const categories = Object.entries(casualties.categories) as [CasualtyCategory, z.infer<typeof Casualty>][];
  const byLemma = (pick: (c: z.infer<typeof Casualty>) => readonly string[]) =>
    new Map(categories.flatMap(([category, c]) => pick(c).map((lemma) => [lemma, category] as const)));
  return {
    countries: countries(),
    alsoGivenNames: lower(load("countries.json", CountriesFile).alsoGivenNames),
    regions: load("countries.json", CountriesFile).regions,
    organisations: load("organisations.json", OrganisationsFile).organisations,
    media: media.media,
    mediaExactCase: new Set(media.exactCase),
    titles: titles.titles,
    titlePrefixes: lower(titles.prefixes),
    pastPrefixes: lower(titles.pastPrefixes),
    pressTitles: lower(titles.press),
    honorifics: lower(titles.honorifics),
    genericTitles: lower(titles.generic),
    institutionHeads: lower(institutions.heads),
    mediaHeads: lower(institutions.mediaHeads),
    notActorHeads: lower(institutions.notActorHeads),
    organs: institutions.organs,
    descriptors: lower(institutions.descriptors),
    speechVerbs: lower(verbs.speech),
    reportingVerbs: lower(verbs.reporting),
    reactionVerbs: lower(verbs.reaction),
    feelings: lower(verbs.feeling),
    hearsayVerbs: lower(verbs.hearsay),
    hearsayWords: lower(verbs.hearsayWords),
    phrasal: verbs.phrasal,
    casualtyVerbs: byLemma((c) => c.verbs),
    casualtyNouns: byLemma((c) => c.nouns),
    casualtyAdjectives: byLemma((c) => c.adjectives),
    lives: lower(casualties.lives),
    livesVerbs: lower(casualties.livesVerbs),
    tollVerbs: lower(casualties.tollVerbs),
    durations: lower(casualties.durations),
    notCounted: lower(casualties.notCounted),
    qualifiersBefore: qualifiers.before,
    qualifiersAfter: qualifiers.after,
    abbreviations: new Set(load("abbreviations.json", AbbreviationsFile).abbreviations),
    /** The words before "to" of prepositions such as "according to", each as its words. */
    prepositionsBeforeTo: load("prepositions.json", PrepositionsFile).beforeTo.map((p) => p.toLowerCase().split(/\s+/)),
    populations: load("populations.json", PopulationsFile),
    functionWords: lower(load("function-words.json", FunctionWordsFile).words),
    questions: load("questions.json", QuestionsFile),
  };
}

export type Vocabulary = ReturnType<typeof buildVocabulary>;

/** The vocabularies, read once per process. */
export const vocabulary: Vocabulary = buildVocabulary();
