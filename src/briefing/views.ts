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
  /** Who is counted, as a reader names it ("people", "security forces", "people in Almaty"). */
  population: string;
  /** Everyone the category counts, not a share of it. */
  whole: boolean;
  latest: FigureView;
  /** The reports just before `latest`, oldest first. */
  earlier: FigureView[];
  /** How many reports came before `earlier`: counted, not listed. */
  older: number;
  /** True when even older reports exist beyond those counted. */
  olderUncounted: boolean;
}

/**
 * A category's headline figure: the newest report of its broadest population, the counts it
 * replaced (oldest first), reports of about the same time from other sources that disagree with it,
 * and the parts of it reported ("19 of them police").
 */
export interface HeadlineFigure {
  category: FigureCategory;
  population: string;
  latest: FigureView;
  trajectory: FigureView[];
  disagreeing: FigureView[];
  parts: PopulationFigure[];
  /** With no count of everyone: the other populations counted, beside the headline, not under it. */
  alongside: PopulationFigure[];
}

/** One population's latest count and the steps before it. */
export interface PopulationFigure {
  population: string;
  latest: FigureView;
  earlier: readonly FigureView[];
}

/** A development reported across the story: the clearest sentence of those reporting it, and by how many sources. */
export interface Development extends SourcedSentence {
  /** Distinct outlets (or articles, where no outlet is named) reporting it. */
  sources: number;
}

export interface SummaryView {
  story: StoryRef;
  /** The story's own title. */
  headline: string;
  /** The newest key development. */
  latest: Development | null;
  asOf: string | null;
  points: Development[];
  /** One headline figure per casualty and arrest category. */
  figures: HeadlineFigure[];
  /** The articles the points came from. */
  sources: SourceRef[];
}

export interface CasualtiesView {
  story: StoryRef;
  groups: Array<{ category: FigureCategory; headline: HeadlineFigure | null; series: FigureSeries[] }>;
}

export interface ReactionView {
  actor: string;
  countryOrOrg: string;
  gist: string;
  quote: string | null;
  at: string | null;
  source: SourceRef;
  /** Distinct sources reporting this statement. */
  sources: number;
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
    /** Who they are, in one line, from every article's roles: "first President of Kazakhstan". */
    lead: string | null;
    /** What they did and said, one line per development across outlets, in time order. */
    mentions: Development[];
    /** How many articles name them. */
    articles: number;
  } | null;
}

export interface AnswerView {
  story: StoryRef;
  question: string;
  answers: SourcedSentence[];
}

export interface TimelineView {
  story: StoryRef;
  events: Array<{ at: string; text: string; unverified: boolean; source: SourceRef; sources: number }>;
}

export interface HelpView {
  stories: Array<{ story: StoryRef; articles: number; latestAsOf: string | null; failingSources: string[] }>;
  /** Gateway shards the bot runs on, across all its processes. */
  shardCount: number;
}
