import { z } from "zod";
import { Sentence } from "../analyse/sentence.js";

export { Sentence };

/**
 * What extraction produces from one Article. Every fact points at the sentence it came from
 * (`sentenceIndex` into `Extraction.sentences`), so a reply can always show its source and time.
 */

export const FigureCategory = z.enum(["killed", "injured", "arrested", "detained", "missing", "other"]);
export const Qualifier = z.enum(["exact", "at least", "more than", "up to", "about", "almost"]);

export const Figure = z.object({
  category: FigureCategory,
  count: z.number().nonnegative(),
  qualifier: Qualifier,
  /** Who the number counts: "demonstrators", "police officers and soldiers"; null when unstated. */
  who: z.string().nullable(),
  /** What is counted when it is not people ("licenses", "euros", "terrorists"). */
  unit: z.string().nullable(),
  /** The source the article attributes the number to ("State television", "Tokayev"). */
  attributedTo: z.string().nullable(),
  asOf: z.string().nullable(),
  unverified: z.boolean(),
  sentence: z.string(),
  sentenceIndex: z.number().int().nonnegative(),
});

export const ActorKind = z.enum(["person", "organisation"]);

export const Actor = z.object({
  /** Stable slug of the canonical name ("kassym-shomart-tokayev"), used for merging across articles. */
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()),
  role: z.string().nullable(),
  kind: ActorKind,
  /** Country or organisation the actor belongs to or speaks for, when known ("Kazakhstan", "Germany", "NATO"). */
  affiliation: z.string().nullable(),
  mentions: z.array(z.number().int().nonnegative()),
});

export const Reaction = z.object({
  /** Canonical actor name (matches an Actor.name). */
  actor: z.string().min(1),
  countryOrOrg: z.string().min(1),
  gist: z.string().min(1),
  quote: z.string().nullable(),
  at: z.string().nullable(),
  sentence: z.string(),
  sentenceIndex: z.number().int().nonnegative(),
});

export const Video = z.object({
  title: z.string().min(1),
  reporter: z.string().nullable(),
  outlet: z.string().nullable(),
  programme: z.string().nullable(),
  airedAt: z.string().nullable(),
  url: z.string().nullable(),
});

export const SummarySentence = z.object({
  text: z.string(),
  sentenceIndex: z.number().int().nonnegative(),
  score: z.number(),
});

export const TimelineEvent = z.object({
  at: z.string(),
  text: z.string(),
  sentenceIndex: z.number().int().nonnegative(),
});

export const Extraction = z.object({
  sentences: z.array(Sentence),
  figures: z.array(Figure),
  actors: z.array(Actor),
  reactions: z.array(Reaction),
  videos: z.array(Video),
  summary: z.array(SummarySentence),
  timeline: z.array(TimelineEvent),
});

export type FigureCategory = z.infer<typeof FigureCategory>;
export type Qualifier = z.infer<typeof Qualifier>;
export type Figure = z.infer<typeof Figure>;
export type ActorKind = z.infer<typeof ActorKind>;
export type Actor = z.infer<typeof Actor>;
export type Reaction = z.infer<typeof Reaction>;
export type Video = z.infer<typeof Video>;
export type SummarySentence = z.infer<typeof SummarySentence>;
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export type Extraction = z.infer<typeof Extraction>;
