import type { FigureCategory, Qualifier } from "../extract/facts.js";

/**
 * View models: what a briefing says, with no Discord types, so the same view renders to an embed
 * or to terminal text. Every item carries its source and time.
 */

export interface SourceRef {
  title: string;
  url: string | null;
  outlet: string | null;
  asOf: string | null;
}

export interface StoryRef {
  slug: string;
  title: string;
}

export interface SourcedSentence {
  text: string;
  at: string | null;
  unverified: boolean;
  source: SourceRef;
}

export interface FigureView {
  category: FigureCategory;
  count: number;
  qualifier: Qualifier;
  who: string | null;
  unit: string | null;
  attributedTo: string | null;
  asOf: string | null;
  unverified: boolean;
  source: SourceRef;
}

/** One thing counted (killed demonstrators), its latest figure and the earlier ones it replaced. */
export interface FigureSeries {
  latest: FigureView;
  /** The reports just before `latest`, oldest first. */
  earlier: FigureView[];
  /** How many reports came before `earlier`: counted, not listed. */
  older: number;
  /** True when even older reports exist beyond those counted. */
  olderUncounted: boolean;
}

export interface SummaryView {
  story: StoryRef;
  headline: string;
  asOf: string | null;
  points: SourcedSentence[];
  /** The latest casualty and arrest figures, one per kind. */
  figures: FigureView[];
  sources: SourceRef[];
}

export interface CasualtiesView {
  story: StoryRef;
  groups: Array<{ category: FigureCategory; series: FigureSeries[] }>;
}

export interface ReactionView {
  actor: string;
  countryOrOrg: string;
  gist: string;
  quote: string | null;
  at: string | null;
  source: SourceRef;
}

export interface ReactionsView {
  story: StoryRef;
  /** The actor asked for, when the command named one. */
  actor: string | null;
  groups: Array<{ countryOrOrg: string; reactions: ReactionView[] }>;
}

export interface VideoView {
  title: string;
  reporter: string | null;
  outlet: string | null;
  programme: string | null;
  airedAt: string | null;
  /** The video's own link, else the article's; never invented. */
  url: string | null;
  urlIsArticle: boolean;
  source: SourceRef;
}

export interface VideosView {
  story: StoryRef;
  videos: VideoView[];
}

export interface ActorView {
  story: StoryRef;
  query: string;
  actor: {
    name: string;
    role: string | null;
    kind: "person" | "organisation";
    affiliation: string | null;
    aliases: string[];
    /** What the store says they did and said, in time order. */
    mentions: SourcedSentence[];
  } | null;
}

export interface AnswerView {
  story: StoryRef;
  question: string;
  answers: SourcedSentence[];
}

export interface TimelineView {
  story: StoryRef;
  events: Array<{ at: string; text: string; unverified: boolean; source: SourceRef }>;
}

export interface HelpView {
  stories: Array<{ story: StoryRef; articles: number; latestAsOf: string | null; failingSources: string[] }>;
  /** Gateway shards the bot runs on, across all its processes. */
  shardCount: number;
}
