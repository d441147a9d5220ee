import { storeArticles, type Extract, type IngestReport } from "./store-articles.js";
import type { Config } from "../config.js";
import type { ArticleInputError } from "../ingest/errors.js";
import type { Logger } from "../logger.js";
import type { ArticleWriter, SourceKind, SourceRow, Sources } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { createFetcher, type CacheValidators, type FetcherOptions } from "../sources/fetch.js";
import { readSource, type ItemFailure } from "./read-source.js";
import { DEFAULT_BACKOFF, initialSourceState, isDue, recordFailure, recordSuccess, type BackoffPolicy } from "../sources/source-state.js";

/** Says what is asking and how, so a site owner reading logs knows it is a slow, well-behaved reader. */
export const USER_AGENT = "news-briefing-bot/0.1 (Discord news briefings; one request at a time per host)";

export const DEFAULT_FETCH: Omit<FetcherOptions, "cache"> = {
  userAgent: USER_AGENT,
  timeoutMs: 20_000,
  // Big live blogs run to 2-3 MB of HTML; past 5 MB it is not an article page.
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  retry: { attempts: 2, baseDelayMs: 2_000, maxDelayMs: 30_000 },
};

/** What the environment says about fetching: FETCH_ALLOW_PRIVATE=1 lets sources on internal addresses be read. */
export function fetchSettings(config: Pick<Config, "FETCH_ALLOW_PRIVATE">): Partial<FetcherOptions> {
  return config.FETCH_ALLOW_PRIVATE ? { allowInternal: () => true } : {};
}

export interface SourceRefreshOptions {
  fetch?: Partial<Omit<FetcherOptions, "cache">>;
  backoff?: BackoffPolicy;
  now?: () => Date;
  /** At start-up: read only sources never read successfully, so a fresh install has content at once. */
  onlyUnread?: boolean;
  /**
   * The whole run stops fetching after this long (REFRESH_DEADLINE_SECONDS), so deliveries never
   * wait behind a hanging host: what was read is stored, the rest is read on the next run.
   */
  deadlineMs?: number;
  /** Linked pages fetched per feed and run (REFRESH_MAX_ITEMS); the feed's other new items wait. */
  maxItemsPerSource?: number;
  /** Ends the run early, as the deadline would (a shutdown, or a signal during start). */
  signal?: AbortSignal;
  /** How fetched articles are extracted: on a worker thread for the scheduled job. */
  extract?: Extract;
}

/** Used when a caller names no deadline or cap: the settings' defaults. */
export const DEFAULT_DEADLINE_MS = 60_000;
export const DEFAULT_MAX_ITEMS_PER_SOURCE = 20;

export interface SourceOutcome {
  story: string;
  url: string;
  kind: SourceKind;
  /**
   * "waiting": backed off after failures, or (onlyUnread) read before; not fetched this time.
   * "deferred": the run's deadline came before the source was read; it is read on the next run.
   */
  status: "read" | "not-modified" | "failed" | "waiting" | "deferred";
  reports: IngestReport[];
  itemFailures: ItemFailure[];
  /** Feed items left for the next run (over the cap or cut by the deadline). */
  deferredItems: string[];
  reason: string | null;
}

export interface SourceRefreshReport {
  sources: SourceOutcome[];
  /** Updates recorded by this refresh. */
  updates: number;
}

interface Planned {
  story: StoryConfig;
  url: string;
  kind: SourceKind;
  row: SourceRow;
}

/**
 * Reads every configured page and feed of the stories and stores what changed, each article in its
 * own savepoint (pipeline/store-articles.ts). Sources run side by side (one request at a time per host); a failing one is
 * recorded with its reason, backed off and, after repeated failures, marked failing, while the others
 * go on. Validators are saved only once what the response held is stored, so a 304 never hides a
 * version that was not ingested.
 */
export async function refreshSources(
  store: ArticleWriter & Sources,
  stories: readonly StoryConfig[],
  logger: Logger,
  options: SourceRefreshOptions = {},
): Promise<SourceRefreshReport> {
  const now = options.now ?? (() => new Date());
  const planned = await Promise.all(
    stories.flatMap((story) => [
      ...story.sources.pages.map((url) => plan(store, story, url, "page")),
      ...story.sources.feeds.map((url) => plan(store, story, url, "feed")),
    ]),
  );
  if (planned.length === 0) return { sources: [], updates: 0 };
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const stop = new AbortController();
  const deadline = setTimeout(() => stop.abort(`refresh deadline of ${deadlineMs / 1000} s reached`), deadlineMs);
  const stopped = () => stop.abort(typeof options.signal?.reason === "string" ? options.signal.reason : "refresh stopped");
  if (options.signal?.aborted) stopped();
  options.signal?.addEventListener("abort", stopped, { once: true });
  const fetcher = createFetcher({ ...DEFAULT_FETCH, ...options.fetch, cache: validatorsOf(planned), signal: stop.signal });
  let outcomes: SourceOutcome[];
  try {
    outcomes = await Promise.all(planned.map((source) => refreshOne(store, fetcher, source, logger, now, options)));
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener("abort", stopped);
  }
  const deferred = outcomes.filter((o) => o.status === "deferred" || o.deferredItems.length > 0);
  if (deferred.length) {
    logger.warn(
      {
        reason: stop.signal.aborted
          ? stop.signal.reason
          : `at most ${options.maxItemsPerSource ?? DEFAULT_MAX_ITEMS_PER_SOURCE} linked pages per source and run`,
        sources: deferred.filter((o) => o.status === "deferred").map((o) => o.url),
        items: deferred.flatMap((o) => o.deferredItems),
      },
      "refresh left sources or feed items for the next run",
    );
  }
  return { sources: outcomes, updates: outcomes.reduce((n, o) => n + o.reports.filter((r) => r.update !== null).length, 0) };
}

async function plan(store: Sources, story: StoryConfig, url: string, kind: SourceKind): Promise<Planned> {
  const row = (await store.source(story.slug, url)) ?? {
    story: story.slug,
    url,
    kind,
    etag: null,
    lastModified: null,
    ...initialSourceState,
    lastSuccessAt: null,
  };
  return { story, url, kind, row: { ...row, kind } };
}

/**
 * The saved validators, read-only: the fetcher would save them on every 200, and they must wait until
 * the content is stored. A URL two stories follow is fetched unconditionally, since one story having
 * stored a version says nothing about the other.
 */
function validatorsOf(planned: readonly Planned[]) {
  const byUrl = new Map<string, CacheValidators | null>();
  for (const { url, row } of planned) {
    byUrl.set(url, byUrl.has(url) ? null : { etag: row.etag, lastModified: row.lastModified });
  }
  return { get: (url: string) => byUrl.get(url) ?? null, set: () => undefined };
}

async function refreshOne(
  store: ArticleWriter & Sources,
  fetcher: ReturnType<typeof createFetcher>,
  { story, url, kind, row }: Planned,
  logger: Logger,
  now: () => Date,
  options: SourceRefreshOptions,
): Promise<SourceOutcome> {
  const outcome = (status: SourceOutcome["status"], extra: Partial<SourceOutcome> = {}): SourceOutcome => ({
    story: story.slug,
    url,
    kind,
    status,
    reports: [],
    itemFailures: [],
    deferredItems: [],
    reason: null,
    ...extra,
  });
  if ((options.onlyUnread && row.lastSuccessAt !== null) || !isDue(row, now())) return outcome("waiting", { reason: row.lastError });

  const fail = async (reason: string): Promise<SourceOutcome> => {
    const state = recordFailure(row, reason, now(), options.backoff ?? DEFAULT_BACKOFF);
    await store.saveSource({ ...row, ...state });
    const fields = { story: story.slug, url, failures: state.failures, reason, nextAttemptAt: state.nextAttemptAt };
    if (state.failing) logger.error(fields, "source is failing");
    else logger.warn(fields, "source could not be read");
    return outcome("failed", { reason });
  };
  const succeed = async (validators: CacheValidators | null) => {
    await store.saveSource({ ...row, ...(validators ?? {}), ...recordSuccess(), lastSuccessAt: now().toISOString() });
    if (row.failing) logger.info({ story: story.slug, url }, "source is back");
  };

  const storedOrigins = await storedItems(store, story.slug);
  const read = await readSource(fetcher, url, {
    maxLinkedItems: options.maxItemsPerSource ?? DEFAULT_MAX_ITEMS_PER_SOURCE,
    isKnownItem: (item) => {
      const storedAt = storedOrigins.get(item.url);
      // A feed dating an item after we stored it says the page has changed since.
      return storedAt !== undefined && (item.publishedAt === null || Date.parse(item.publishedAt) <= Date.parse(storedAt));
    },
  });
  if (read.status === "failed") return await fail(read.reason);
  if (read.status === "aborted") return outcome("deferred", { reason: read.reason });
  if (read.status === "not-modified") {
    await succeed(null);
    return outcome("not-modified");
  }
  const [firstFailure] = read.itemFailures;
  if (firstFailure && read.articles.length === 0 && read.knownItems === 0 && read.deferredItems.length === 0) {
    return await fail(`none of the feed's ${read.itemFailures.length} items could be read; first: ${firstFailure.url}: ${firstFailure.reason}`);
  }
  let reports: IngestReport[];
  let rejected: ArticleInputError[];
  try {
    ({ reports, rejected } = await storeArticles(store, story, read.articles, options.extract));
  } catch (error) {
    return await fail(`storing failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const failure of read.itemFailures) logger.warn({ story: story.slug, feed: url, ...failure }, "feed item could not be read");
  for (const error of rejected) logger.warn({ story: story.slug, source: url, origin: error.origin, reason: error.reason }, "article rejected");
  for (const r of reports.filter((r) => r.status !== "unchanged")) {
    logger.info({ story: story.slug, source: url, origin: r.origin, status: r.status, articleId: r.articleId }, "article stored");
  }
  // With an item missing or left for later, the next refresh must fetch the feed in full again to read it.
  const complete = read.itemFailures.length === 0 && read.deferredItems.length === 0;
  await succeed(complete ? { etag: read.etag, lastModified: read.lastModified } : { etag: null, lastModified: null });
  return outcome("read", { reports, itemFailures: read.itemFailures, deferredItems: read.deferredItems });
}

/**
 * Where each stored article of the story was read from (and its URL), with when it was last stored.
 * One an older version of the extraction read is left out: its page is fetched and read again.
 */
async function storedItems(store: ArticleWriter, story: string): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  for (const article of (await store.articles(story)).filter((a) => !a.olderReading)) {
    stored.set(article.origin, article.updatedAt);
    if (article.url) stored.set(article.url, article.updatedAt);
  }
  return stored;
}
