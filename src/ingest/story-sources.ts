import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { readArticleFiles, storeArticles, type IngestReport } from "./store-articles.js";

/**
 * Stores what a story's configured article files hold and the store lacks, so a fresh install
 * answers at once. A bad file is logged with its reason and skipped: one broken source must not keep
 * the bot from serving the others.
 */
export function ingestStoryFiles(store: Store, story: StoryConfig, paths: readonly string[], logger: Logger): IngestReport[] {
  if (paths.length === 0) return [];
  const { articles, errors } = readArticleFiles(paths);
  for (const error of errors) logger.error({ story: story.slug, origin: error.origin, line: error.line, reason: error.reason }, "article rejected");
  const reports = storeArticles(store, story, articles);
  for (const r of reports.filter((r) => r.status !== "unchanged"))
    logger.info({ story: story.slug, origin: r.origin, status: r.status, articleId: r.articleId }, "article stored");
  return reports;
}
