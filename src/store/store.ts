import type { Article } from "../ingest/article.js";
import type { ActorKind, Extraction, Figure, Reaction, Sentence, SummarySentence, TimelineEvent, Video } from "../extract/facts.js";
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

/** A stored article as ingest sees it: `olderReading` when another version of the extraction made its facts, so it is read again when next seen. */
export type StoredArticle = ArticleRow & { olderReading: boolean };

export type FigureRow = Figure & { article: ArticleRef };
export type ReactionRow = Reaction & { article: ArticleRef };
export type VideoRow = Video & { article: ArticleRef };
export type SentenceRow = Sentence & { article: ArticleRef };
export type TimelineRow = TimelineEvent & { unverified: boolean; article: ArticleRef };
/** A summary sentence with its sentence's time and verification flag. */
export type SummaryRow = SummarySentence & { at: string | null; unverified: boolean; article: ArticleRef };

/** One actor across the story's articles (extract/identity.ts decides who is one), with how many sentences name it. */
export interface ActorIndexRow {
  id: string;
  name: string;
  /** Every other name any article used for the actor. */
  aliases: string[];
  /** The newest article's role/affiliation that is not null. */
  role: string | null;
  kind: ActorKind;
  affiliation: string | null;
  mentionCount: number;
  /** How many of the story's articles name it. */
  articleCount: number;
}

/** A sentence naming an actor, with the article it is in. */
export interface ActorMentionRow {
  sentenceIndex: number;
  text: string;
  at: string | null;
  unverified: boolean;
  article: ArticleRef;
}

/** The reports of one kind of figure (same category, who, unit) in time order, a repeated report counted once. */
export interface FigureSeriesRow {
  latest: FigureRow;
  /** The reports just before the latest, oldest first. */
  earlier: FigureRow[];
  /** How many reports came before `earlier`. */
  older: number;
  /** True when there are yet older reports, beyond those counted in `older`. */
  olderUncounted: boolean;
}

/** A figure a found sentence gives, as much of it as ranking an answer reads. */
export type FoundFigure = Pick<Figure, "category" | "count" | "who">;

/** A sentence found for a question. */
export type FoundSentence = SentenceRow & {
  /** The actors asked about that it mentions (ids, sorted), by name or by reference ("he", "the ministry"). */
  about: string[];
  /** The words it is indexed by (its terms; its words as written when it has none), for ranking. */
  terms: string;
  figures: FoundFigure[];
};

export interface SentenceSearch {
  /** Search terms (analyse/terms.ts), any of which makes a sentence a candidate. */
  terms: readonly string[];
  /** Actor ids asked about: what is said of them is a candidate too, and every candidate tells which of them it mentions. */
  actorIds: readonly string[];
  /** At most this many of the best matches of the terms, and as many of the actors' sentences. */
  limit: number;
}

export type SubscriptionFilter = "all" | "casualties" | "reactions" | "videos";
export const SUBSCRIPTION_FILTERS: readonly SubscriptionFilter[] = ["all", "casualties", "reactions", "videos"];
export type SubscriptionStatus = "active" | "disabled" | "unsubscribed";

export interface SubscriptionRow {
  id: number;
  guildId: string;
  channelId: string;
  story: string;
  only: SubscriptionFilter;
  status: SubscriptionStatus;
  /** Why it is disabled (or was, until re-subscribed): the Discord error or the guild/channel event. */
  reason: string | null;
  createdAt: string;
  changedAt: string;
  /** When the last scheduled post went out, and its message id. */
  lastPostAt: string | null;
  lastMessageId: string | null;
  /** Deliveries still waiting (pending or mid-send). */
  open: number;
}

export type DeliveryStatus = "pending" | "sending" | "sent" | "skipped" | "failed";

export interface DeliveryRow {
  id: number;
  subscriptionId: number;
  updateId: number;
  guildId: string;
  channelId: string;
  story: string;
  status: DeliveryStatus;
  /** The first delivery id of the message this one went out in; deliveries of one batch share a nonce. */
  batch: number | null;
  nonce: string | null;
  messageId: string | null;
  attempts: number;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** An active subscription with the deliveries still to send, oldest first. */
export interface OpenSubscription {
  subscription: Pick<SubscriptionRow, "id" | "guildId" | "channelId" | "story" | "only">;
  deliveries: Array<Pick<DeliveryRow, "id" | "updateId" | "status" | "batch" | "nonce" | "attempts">>;
}

export interface SubscribeInput {
  guildId: string;
  channelId: string;
  story: string;
  only: SubscriptionFilter;
  createdBy: string | null;
}

/** Which subscriptions an event disables: one by id, all of a guild (bot removed) or of a channel (deleted). */
export type SubscriptionTarget = { id: number } | { guildId: string } | { channelId: string };

export type SourceKind = "page" | "feed";

/** A live page or feed a story follows: its conditional-request validators and failure state. */
export interface SourceRow {
  story: string;
  url: string;
  kind: SourceKind;
  /**
   * From the last response whose content was stored, by this version of the extraction: saved by
   * another one, they are not given, so that the page is fetched in full and read again.
   */
  etag: string | null;
  lastModified: string | null;
  /** Consecutive failures; any success resets it. */
  failures: number;
  lastError: string | null;
  /** Not asked again before this instant; null means on the next refresh. */
  nextAttemptAt: string | null;
  failing: boolean;
  lastSuccessAt: string | null;
}

export interface IngestResult {
  /** "reextracted": stored before by another version of the reading (extract/version.ts), its facts now replaced; never an update. */
  status: "added" | "unchanged" | "updated" | "reextracted";
  articleId: string;
  /** What the article added to the story; null when nothing was new (and then no update was written). */
  update: Update | null;
}

/**
 * The store, split by role so each caller takes only what it uses. Every call is asynchronous: the
 * SQLite backend answers at once, a networked backend after a round trip. The interfaces hold no
 * SQL, so backends sit behind them. Lists that cite articles are ordered newest article first (by
 * as-of time, articles without one last).
 */

/** Ingest's side: adding articles and knowing what is stored already. */
export interface ArticleWriter {
  /** Adds or replaces one article and its facts in one transaction; records what is new as an Update. */
  ingest(story: string, article: Article, extraction: Extraction): Promise<IngestResult>;
  /**
   * Ingests a batch (one CLI run, one scheduled run) in one transaction, each article in a savepoint
   * of its own: one article's failure undoes only that article, given back as its Error, and the
   * batch costs one commit instead of one per article.
   */
  ingestBatch(story: string, items: ReadonlyArray<{ article: Article; extraction: Extraction }>): Promise<Array<IngestResult | Error>>;
  /**
   * Brings the story's actors (who is who across its articles) up to date after re-extractions
   * ("reextracted"), which leave that to one pass: rebuilt per article, the story's main actors
   * were read from every article naming them for each article read again, quadratic in the store.
   */
  settleActors(story: string): Promise<void>;
  /** True when this exact version is already stored (in any story) with facts of this version of the reading, so extraction can be skipped. */
  isUnchanged(articleId: string, contentHash: string): Promise<boolean>;
  /**
   * What the story stored from files with facts of this version of the reading: each file's path → the
   * raw hash it had (Article.rawInput), so an unchanged file need not be parsed. A file an older
   * reading extracted is left out, so that it is read again, unless `includeOlderReadings` asks for
   * those too (a pass that must not spend its time reading them now).
   */
  rawInputs(story: string, options?: { includeOlderReadings?: boolean }): Promise<Map<string, string>>;
  /** Every stored article of the story, newest first: what a source refresh already has. */
  articles(story: string): Promise<StoredArticle[]>;
  /** Which of these article ids the story has stored: a look-up of just those, where `articles` would list the whole story. */
  storedIds(story: string, ids: readonly string[]): Promise<Set<string>>;
}

/** What the briefings read, each about what its view shows. */
export interface BriefingReads {
  /**
   * Changes whenever stored articles may have changed, by this process or another one: a cheap key
   * for caching what is drawn from the store.
   */
  version(): Promise<string>;
  stories(): Promise<StoryRow[]>;
  /** The story's actors without their mentions, most mentioned first: for autocomplete and look-ups. */
  actorIndex(story: string): Promise<ActorIndexRow[]>;
  /** By name or alias (case- and accent-insensitive), then by role phrase ("the president"), then by part of a name. */
  findActor(story: string, nameOrAlias: string): Promise<ActorIndexRow | null>;
  /** The newest `limit` sentences naming the actor, newest article first. */
  actorMentions(story: string, actorId: string, limit: number): Promise<ActorMentionRow[]>;
  /** The newest `limit` articles, newest first. */
  recentArticles(story: string, limit: number): Promise<ArticleRow[]>;
  /** Each kind's latest figure with up to `steps` reports before it. */
  figureSeries(story: string, steps: number): Promise<FigureSeriesRow[]>;
  /** Each reaction once per actor, country and statement, from its newest article; newest first. */
  distinctReactions(story: string): Promise<ReactionRow[]>;
  /** Each video once per title and air time, from its newest article; newest first. */
  distinctVideos(story: string): Promise<VideoRow[]>;
  /** The newest `limit` timeline events, in time order. */
  recentTimeline(story: string, limit: number): Promise<TimelineRow[]>;
  /**
   * Candidate sentences for a question (headings never): the best matches of the terms by the
   * backend's full-text rank, one per distinct text, then the earliest sentences about the actors.
   */
  searchSentences(story: string, search: SentenceSearch): Promise<FoundSentence[]>;
  /** The best summary sentences, newest article first and by score within an article. */
  summary(story: string, limit: number): Promise<SummaryRow[]>;
}

/** Who gets which story where, and why one stopped. */
export interface Subscriptions {
  /**
   * Creates or re-activates the channel's subscription to the story. Updates recorded so far count
   * as covered (the caller posts the current briefing), so only later ones are delivered.
   */
  subscribe(input: SubscribeInput): Promise<{ subscription: SubscriptionRow; previous: SubscriptionStatus | null }>;
  /** Marks the channel's subscriptions (to one story, or all) unsubscribed; open deliveries become skipped. Returns them. */
  unsubscribe(channelId: string, story?: string): Promise<SubscriptionRow[]>;
  /** A guild's subscriptions (every one when no guild is given), active first. */
  subscriptions(guildId?: string): Promise<SubscriptionRow[]>;
  /** Disables the matching active subscriptions with the reason; their open deliveries fail with it. Returns how many. */
  disableSubscriptions(target: SubscriptionTarget, reason: string): Promise<number>;
}

/**
 * Scheduled posts: one row per (subscription, update), moved pending → sending → sent (or skipped or
 * failed with a reason), each step committed on its own so a crash leaves every row resumable.
 */
export interface DeliveryQueue {
  /** One pending delivery per active subscription and update not yet enqueued; returns how many were created. */
  enqueueDeliveries(): Promise<number>;
  /**
   * Takes the open deliveries of active subscriptions that no other live worker holds, for this one
   * to send, grouped by subscription, oldest first. They stay this worker's until decided, released,
   * or this worker is gone (its process ended), so two workers never send one delivery at once.
   */
  claim(): Promise<OpenSubscription[]>;
  /** Gives back this worker's claimed deliveries that are still open, for any worker to take. */
  releaseClaims(): Promise<void>;
  /** These updates by id, in id order; ids that do not exist are left out. */
  updatesById(ids: readonly number[]): Promise<Update[]>;
  /** Commits a message before it is sent: the deliveries become one batch with this nonce, and count an attempt. */
  startBatch(deliveryIds: readonly number[], nonce: string): Promise<void>;
  /** Counts one more send attempt for a batch being resent. */
  countAttempt(deliveryIds: readonly number[]): Promise<void>;
  markSent(deliveryIds: readonly number[], messageId: string): Promise<void>;
  markSkipped(deliveryIds: readonly number[], reason: string): Promise<void>;
  markFailed(deliveryIds: readonly number[], reason: string): Promise<void>;
  /** Every delivery, newest first, optionally of one story and/or status. */
  deliveries(filter?: { story?: string; status?: DeliveryStatus }): Promise<DeliveryRow[]>;
}

/** Live pages' and feeds' fetch state. */
export interface Sources {
  /** One source's state; null before its first refresh. */
  source(story: string, url: string): Promise<SourceRow | null>;
  /** Every source's state (of one story when given), by story and URL. */
  sources(story?: string): Promise<SourceRow[]>;
  /** Creates or replaces a source's state. */
  saveSource(row: SourceRow): Promise<void>;
}

/**
 * Which process refreshes sources and delivers: one at a time among all that share the store, the
 * others only answer interactions. A leader that dies frees the role for the next to ask.
 */
export interface Leadership {
  /** Takes the role when it is free, or confirms this process still holds it; false while another process leads. */
  tryLead(): Promise<boolean>;
}

/** A whole store, as opened at start; callers are handed the roles they use. */
export interface Store extends ArticleWriter, BriefingReads, Subscriptions, DeliveryQueue, Sources, Leadership {
  /** True when the database answers a trivial query: for health checks. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
