import type { Article } from "../ingest/article.js";
import type { Budget } from "../ingest/budget.js";
import type { Sentence } from "./sentence.js";
import type { CountryEntry } from "./vocabulary.js";

/**
 * The one analysed representation every extractor reads: each sentence of an article once
 * tokenised, tagged and lemmatised, with the people, bodies, countries, places and media it
 * mentions resolved to the article's entities. Extractors never re-read raw text.
 */

/** Universal part-of-speech tags, as the tagger gives them. */
export type Pos =
  "ADJ" | "ADP" | "ADV" | "AUX" | "CCONJ" | "DET" | "INTJ" | "NOUN" | "NUM" | "PART" | "PRON" | "PROPN" | "PUNCT" | "SCONJ" | "SYM" | "VERB" | "X" | "SPACE";

export interface Token {
  /** Position in its sentence. */
  index: number;
  /** As written; a hyphenated compound ("Kassym-Jomart", "Russian-led") is one token. */
  text: string;
  lower: string;
  /** How phrase lists match it: lowercase, one apostrophe, no closing full stop ("dept." is "dept"). */
  key: string;
  /** Lowercase dictionary form ("said" → "say", "lives" → "life"). */
  lemma: string;
  pos: Pos;
  /** Character offsets in the sentence's text. */
  start: number;
  end: number;
  capitalised: boolean;
  /** A possessive "'s" follows (as its own token). */
  possessive: boolean;
  /** Not a word of the tagger's English lexicon: a strong sign of a name. */
  unknownWord: boolean;
}

export type EntityKind = "person" | "organisation" | "country" | "place" | "media";

/**
 * Where a mention came from: a gazetteer entry, the story's own file, the name model (capitalised
 * runs, titles), a government organ phrase, or coreference (a pronoun, surname or "the ministry").
 */
export type MentionOrigin = "gazetteer" | "story" | "name" | "title" | "organ" | "coreference";

export interface Mention {
  sentence: number;
  /** Token range [start, end) in the sentence. */
  start: number;
  end: number;
  /** The entity (in `AnalyzedArticle.entities`) it refers to. */
  entity: number;
  origin: MentionOrigin;
  /** The words as written. */
  surface: string;
  /** Names the entity (a name, alias or title with name), rather than referring back to it. */
  naming: boolean;
}

/** An office as a text states it: "former Kazakh prime minister", "NATO Secretary General". */
export interface Role {
  /** The title as listed ("prime minister"). */
  key: string;
  /** As the text gives it, with its prefix and qualifier ("ex-prime minister", "Secretary General"). */
  text: string;
  /** "former", "acting", … */
  prefix: string | null;
  /** The prefix says the office is held no more. */
  past: boolean;
}

export interface Affiliation {
  /** A country's display name or an organisation's name. */
  name: string;
  kind: "country" | "organisation";
  /** How it is known: said in the text, known from the gazetteer, implied by a title, or the story's country by default. */
  origin: "text" | "gazetteer" | "title" | "default";
}

export interface Entity {
  index: number;
  kind: EntityKind;
  name: string;
  /** Other forms the article names it by. */
  aliases: string[];
  /** For people: the most specific office the article gives them. */
  role: Role | null;
  /** Every office stated of them, for "the president" and role-only merging. */
  roles: Role[];
  affiliation: Affiliation | null;
  /** ISO code for countries; gazetteer name for known organisations; organ kind for organs. */
  key: string;
  /** For organs: the kind ("foreign ministry"); for bodies known by name: the gazetteer entry's anaphors. */
  organ: string | null;
  /** Words that refer back to it ("alliance", "ministry"). */
  anaphors: string[];
  /** Known to speak for its country's head (a presidency). */
  speaksForHead: boolean;
  /** An office named without a name ("the Russian president"): not a named actor. */
  roleOnly: boolean;
  mentions: Mention[];
}

/** A quoted passage: token range [start, end) inside the quotation marks. */
export interface Quote {
  start: number;
  end: number;
  /** The passage began in an earlier sentence (the splitter cut a long quote). */
  continued: boolean;
}

/**
 * A verb (or a stance: "was deeply concerned") with who does it, as far as a shallow reading of
 * the sentence tells: the subject before it, the speaker named after it ("…, said X"), the agent
 * of a passive ("was announced by X") or the subject of the verb it is coordinated with.
 */
export interface Predicate {
  /** Token index of the verb, or of the stance adjective. */
  verb: number;
  lemma: string;
  stance: boolean;
  passive: boolean;
  /** Who speaks or acts: an index into the sentence's mentions, or null when no entity does. */
  agent: number | null;
  /** Token range [start, end) of the agent's noun phrase, also when it names no entity ("officials"); -1 when none. */
  agentStart: number;
  agentEnd: number;
  how: "subject" | "inverted" | "by" | "coordinated" | "none";
  /** The subject of a passive (who was arrested): an index into the sentence's mentions, or null. */
  patient: number | null;
}

export interface AnalyzedSentence extends Sentence {
  tokens: Token[];
  /** The day the sentence names ("on Friday" in a Saturday report: that Friday), as YYYY-MM-DD. */
  day: string | null;
  /** Sorted by start. */
  mentions: Mention[];
  quotes: Quote[];
  predicates: Predicate[];
}

export interface AnalyzedArticle {
  article: Article;
  /** The story's country, when its file names one. */
  home: CountryEntry | null;
  sentences: AnalyzedSentence[];
  entities: Entity[];
  /** The article's CPU allowance, which the extractors go on spending from. */
  budget: Budget;
}
