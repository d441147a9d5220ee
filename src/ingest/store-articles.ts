import { extractArticle } from "../extract/index.js";
import type { Extraction } from "../extract/facts.js";
import type { ArticleWriter, IngestResult } from "../store/index.js";
import type { Article } from "./article.js";
import { ArticleInputError } from "./errors.js";
import { expandArticlePaths, loadArticles } from "./load.js";

export interface IngestReport extends IngestResult {
  origin: string;
  title: string;
}

/** Article → facts: extraction here, or on a worker thread (pipeline/off-thread.ts) for the scheduled job. */
export type Extract = (article: Article) => Extraction | Promise<Extraction>;

/**
 * Stores articles, each in its own transaction. An article whose exact version is stored already is
 * not even extracted again.
 */
export async function storeArticles(
  store: ArticleWriter,
  story: string,
  articles: readonly Article[],
  extract: Extract = extractArticle,
): Promise<IngestReport[]> {
  const reports: IngestReport[] = [];
  for (const article of articles) {
    const result: IngestResult = (await store.isUnchanged(article.id, article.contentHash))
      ? { status: "unchanged", articleId: article.id, update: null }
      : await store.ingest(story, article, await extract(article));
    reports.push({ ...result, origin: article.origin, title: article.title });
  }
  return reports;
}

/** Reads every article under `paths`, collecting each bad one's error instead of stopping at the first. */
export function readArticleFiles(paths: readonly string[]): { articles: Article[]; errors: ArticleInputError[] } {
  const articles: Article[] = [];
  const errors: ArticleInputError[] = [];
  let files: string[];
  try {
    files = expandArticlePaths(paths);
  } catch (error) {
    if (error instanceof ArticleInputError) return { articles, errors: [error] };
    throw error;
  }
  for (const file of files) {
    try {
      articles.push(...loadArticles(file));
    } catch (error) {
      if (!(error instanceof ArticleInputError)) throw error;
      errors.push(error);
    }
  }
  return { articles, errors };
}
