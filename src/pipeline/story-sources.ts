import type { Logger } from "../logger.js";
import type { ArticleWriter } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import type { Article } from "../ingest/article.js";
import type { ArticleInputError } from "../ingest/errors.js";
import { namesArticleFiles } from "../ingest/load.js";
import { readArticleFiles, storeArticles, type Extract, type IngestReport } from "./store-articles.js";

type FilesRead = { articles: Article[]; errors: ArticleInputError[] };

/** Where files are parsed and articles extracted: here by default, or on a worker thread. */
export interface ArticleWork {
  /** `stored`: path → raw hash of what the store holds from it; such a file is not parsed. */
  readArticleFiles(paths: readonly string[], stored?: ReadonlyMap<string, string>): Promise<FilesRead> | FilesRead;
  extract?: Extract;
}

/**
 * Stores what a story's configured article files hold and the store lacks, so a fresh install
 * answers at once. A bad file is logged with its reason and skipped: one broken source must not keep
 * the bot from serving the others. A file whose stored facts an older version of the extraction
 * made is read again and its facts replaced (no news), unless `reread` is false: the start, which
 * the bot's login waits for, leaves those to the first scheduled run.
 */
export async function ingestStoryFiles(
  store: ArticleWriter,
  story: StoryConfig,
  paths: readonly string[],
  logger: Logger,
  work: ArticleWork = { readArticleFiles },
  { reread = true }: { reread?: boolean } = {},
): Promise<IngestReport[]> {
  // An empty inbox, every tick of most: no worker thread started (and its 50 MB) to read nothing.
  if (!namesArticleFiles(paths)) return [];
  const started = performance.now();
  const { articles, errors } = await work.readArticleFiles(paths, await store.rawInputs(story.slug, { includeOlderReadings: !reread }));
  const { reports, rejected } = await storeArticles(store, story, articles, work.extract);
  for (const error of [...errors, ...rejected])
    logger.error({ story: story.slug, origin: error.origin, line: error.line, reason: error.reason }, "article rejected");
  for (const r of reports.filter((r) => r.status === "added" || r.status === "updated"))
    logger.info({ story: story.slug, origin: r.origin, status: r.status, articleId: r.articleId }, "article stored");
  // After an upgrade these are every file of the store: one line, with what it cost.
  const rereadCount = reports.filter((r) => r.status === "reextracted").length;
  if (rereadCount)
    logger.info(
      { story: story.slug, articles: rereadCount, ms: Math.round(performance.now() - started) },
      "articles read again by this version of the extraction",
    );
  return reports;
}
