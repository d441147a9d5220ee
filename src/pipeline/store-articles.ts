import type { StoryFacts } from "../analyse/index.js";
import { createAnalyser, extractArticle } from "../extract/index.js";
import type { Extraction } from "../extract/facts.js";
import type { StoryConfig } from "../story/config.js";
import type { ArticleWriter, IngestResult } from "../store/index.js";
import type { Article } from "../ingest/article.js";
import { ArticleInputError } from "../ingest/errors.js";
import { expandArticlePaths, loadChangedArticles } from "../ingest/load.js";

export interface IngestReport extends IngestResult {
  origin: string;
  title: string;
}

/**
 * Article → facts, read in a story's terms (its country, places and outlets): here, or on a worker
 * thread (pipeline/off-thread.ts) for the scheduled job.
 */
export type Extract = (article: Article, story: StoryFacts) => Extraction | Promise<Extraction>;

/** The story's own facts that extraction reads, and nothing else of its file (they cross to a worker thread). */
export const storyFacts = (story: StoryConfig): StoryFacts => ({ country: story.country, places: story.places, outlets: story.outlets });

/** An article ready to write: its extraction, or null when this exact version is stored already. */
export interface Extracted {
  article: Article;
  extraction: Extraction | null;
}

/**
 * Extracts every article the store lacks in this version (a stored one is not even extracted
 * again). One that exceeds its CPU budget is rejected with the reason; the others go on.
 */
export async function extractArticles(
  store: ArticleWriter,
  story: StoryConfig,
  articles: readonly Article[],
  extract?: Extract,
  onExtracted?: () => void,
): Promise<{ extracted: Extracted[]; rejected: ArticleInputError[] }> {
  const facts = storyFacts(story);
  const analyser = extract ? null : createAnalyser(facts);
  const extracted: Extracted[] = [];
  const rejected: ArticleInputError[] = [];
  for (const article of articles) {
    if (await store.isUnchanged(article.id, article.contentHash)) {
      extracted.push({ article, extraction: null });
      onExtracted?.();
      continue;
    }
    try {
      extracted.push({ article, extraction: extract ? await extract(article, facts) : extractArticle(article, analyser!) });
    } catch (error) {
      if (!(error instanceof ArticleInputError)) throw error;
      rejected.push(error);
    }
    onExtracted?.();
  }
  return { extracted, rejected };
}

/**
 * Articles per write transaction. One commit per article was a quarter of ingest's time, and a
 * commit of 16 writes a fresh story's hot index pages again each time (157 KB per article, against
 * 59 KB at 64); one for a whole run would hold SQLite's synchronous writer (and the bot's event loop
 * with it) for seconds on a large inbox. So a run starts at FIRST_WRITE_BATCH and sizes each next
 * batch to what the last one's pace fits in WRITE_HOLD_MS, yielding between them: a quick store
 * commits rarely, a loaded machine's holds stay short.
 */
export const FIRST_WRITE_BATCH = 16;
export const MAX_WRITE_BATCH = 128;
export const WRITE_HOLD_MS = 100;

/** The next batch's size after `size` articles took `tookMs`: as many as fit in WRITE_HOLD_MS at that pace, 1 to MAX_WRITE_BATCH. */
export function nextWriteBatch(size: number, tookMs: number): number {
  return Math.max(1, Math.min(MAX_WRITE_BATCH, Math.floor((size * WRITE_HOLD_MS) / Math.max(tookMs, 1))));
}

/** Hands `items` to `write` in batches paced as above, yielding to the event loop between them. */
export async function inWriteBatches<T>(items: readonly T[], write: (batch: readonly T[]) => Promise<void>): Promise<void> {
  let [start, size] = [0, FIRST_WRITE_BATCH];
  while (start < items.length) {
    const batch = items.slice(start, start + size);
    const began = performance.now();
    await write(batch);
    size = nextWriteBatch(batch.length, performance.now() - began);
    start += batch.length;
    if (start < items.length) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Writes extracted articles in batches, each article in a savepoint of its own: one that cannot be
 * stored undoes only itself, and after the others are written the first such failure is thrown.
 * Articles the story has are written first (storedFirst); the reports keep the order given.
 */
export async function writeArticles(store: ArticleWriter, story: StoryConfig, extracted: readonly Extracted[]): Promise<IngestReport[]> {
  const reports = new Map<Extracted, IngestReport>();
  const failures: Error[] = [];
  const changed = await storedFirst(
    store,
    story,
    extracted.filter((e): e is Extracted & { extraction: Extraction } => e.extraction !== null),
  );
  await inWriteBatches(changed, async (batch) => {
    const results = await store.ingestBatch(story.slug, batch);
    batch.forEach((item, i) => {
      const result = results[i];
      if (result instanceof Error || result === undefined) failures.push(result ?? new Error(`no result for article ${item.article.id}`));
      else reports.set(item, { ...result, origin: item.article.origin, title: item.article.title });
    });
  });
  if ([...reports.values()].some((r) => r.status === "reextracted")) await store.settleActors(story.slug);
  if (failures[0]) throw failures[0];
  return extracted.map(
    (e) => reports.get(e) ?? { status: "unchanged", articleId: e.article.id, update: null, origin: e.article.origin, title: e.article.title },
  );
}

/** Extracts and stores articles; what exceeded its budget comes back rejected, the rest is stored. */
export async function storeArticles(
  store: ArticleWriter,
  story: StoryConfig,
  articles: readonly Article[],
  extract?: Extract,
): Promise<{ reports: IngestReport[]; rejected: ArticleInputError[] }> {
  const { extracted, rejected } = await extractArticles(store, story, articles, extract);
  return { reports: await writeArticles(store, story, extracted), rejected };
}

/**
 * The articles the story already has before the new ones: after an upgrade, those are read again
 * (a re-extraction), and a new article's news must be judged against the story as the new reading
 * has it, or a toll the old reading misread would make a repeat of the true one look new.
 */
async function storedFirst<T extends { article: Article }>(store: ArticleWriter, story: StoryConfig, items: readonly T[]): Promise<readonly T[]> {
  if (items.length < 2) return items;
  const stored = await store.storedIds(
    story.slug,
    items.map((item) => item.article.id),
  );
  const isStored = (item: T) => stored.has(item.article.id);
  return [...items.filter(isStored), ...items.filter((item) => !isStored(item))];
}

/**
 * Reads every article under `paths`, collecting each bad one's error instead of stopping at the
 * first. A file whose raw hash is in `stored` (ArticleWriter.rawInputs: path → hash of what was
 * stored from it) is as stored and is not parsed at all: a scheduled run over an unchanged folder
 * costs its reads, not its parses.
 */
export function readArticleFiles(
  paths: readonly string[],
  stored: ReadonlyMap<string, string> = new Map(),
): { articles: Article[]; errors: ArticleInputError[]; unchanged: number } {
  const articles: Article[] = [];
  const errors: ArticleInputError[] = [];
  let unchanged = 0;
  let files: string[];
  try {
    files = expandArticlePaths(paths);
  } catch (error) {
    if (error instanceof ArticleInputError) return { articles, errors: [error], unchanged };
    throw error;
  }
  for (const file of files) {
    try {
      const read = loadChangedArticles(file, stored);
      if (read) articles.push(...read);
      else unchanged++;
    } catch (error) {
      if (!(error instanceof ArticleInputError)) throw error;
      errors.push(error);
    }
  }
  return { articles, errors, unchanged };
}
