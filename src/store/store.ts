import type { Article } from "../ingest/article.js";
import type {
  ActorKind,
  Extraction,
  Figure,
  Reaction,
  Sentence,
  SummarySentence,
  TimelineEvent,
  Video,
} from "../extract/facts.js";
import type { Update } from "./updates.js";

/** The article a row came from, so every reply can cite its source and time. */
export interface ArticleRef {
  id: string;
  title: string;
  url: string | null;
  outlet: string | null;
  asOf: string | null;
}

export interface StoryRow {
  story: string;
  articleCount: number;
  /** When an article of the story was last added or changed. */
  lastIngestedAt: string;
}

export interface ArticleRow extends ArticleRef {
  story: string;
  contentHash: string;
  language: string;
  origin: string;
  firstSeenAt: string;
  updatedAt: string;
}

export type FigureRow = Figure & { article: ArticleRef };
export type ReactionRow = Reaction & { article: ArticleRef };
export type VideoRow = Video & { article: ArticleRef };
export type SentenceRow = Sentence & { article: ArticleRef };
export type TimelineRow = TimelineEvent & { unverified: boolean; article: ArticleRef };
/** A summary sentence with its sentence's time and verification flag. */
export type SummaryRow = SummarySentence & { at: string | null; unverified: boolean; article: ArticleRef };

export interface ActorMention {
  articleId: string;
  sentenceIndex: number;
  text: string;
  at: string | null;
  unverified: boolean;
}

/** One actor merged across the story's articles (by actor id). */
export interface ActorRow {
  id: string;
  name: string;
  /** Every other name any article used for the actor. */
  aliases: string[];
  /** The newest article's role/affiliation that is not null. */
  role: string | null;
  kind: ActorKind;
  affiliation: string | null;
  mentions: ActorMention[];
  /** The articles that mention the actor, newest first. */
  articles: ArticleRef[];
}

export interface IngestResult {
  status: "added" | "unchanged" | "updated";
  articleId: string;
  /** What the article added to the story; null when nothing was new (and then no update was written). */
  update: Update | null;
}

/**
 * Everything the bot reads and writes about stories. SQLite is the one backend today; the
 * interface holds no SQL so a Postgres backend can sit behind it. Lists that cite articles are
 * ordered newest article first (by as-of time, articles without one last).
 */
export interface Store {
  /** Adds or replaces one article and its facts in one transaction; records what is new as an Update. */
  ingest(story: string, article: Article, extraction: Extraction): IngestResult;
  /** True when this exact version is already stored (in any story), so extraction can be skipped. */
  isUnchanged(articleId: string, contentHash: string): boolean;
  stories(): StoryRow[];
  articles(story: string): ArticleRow[];
  figures(story: string): FigureRow[];
  reactions(story: string): ReactionRow[];
  /** Merged actors, most mentioned first. */
  actors(story: string): ActorRow[];
  /** By name or alias (case- and accent-insensitive), then by role phrase ("the president"), then by part of a name. */
  findActor(story: string, nameOrAlias: string): ActorRow | null;
  videos(story: string): VideoRow[];
  /** The best summary sentences, newest article first and by score within an article. */
  summary(story: string, limit: number): SummaryRow[];
  /** Timeline events in time order. */
  timeline(story: string): TimelineRow[];
  sentences(story: string): SentenceRow[];
  /** Updates in the order they were recorded, only those with an id greater than `sinceId` when given. */
  updates(story: string, sinceId?: number): Update[];
  close(): void;
}
