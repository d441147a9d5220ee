import { createAnalyser, extractArticle } from "../extract/index.js";
import type { ArticleWriter, IngestResult } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import type { Article } from "./article.js";
import { ArticleInputError } from "./errors.js";
import { expandArticlePaths, loadArticles } from "./load.js";

export interface IngestReport extends IngestResult {
  origin: string;
  title: string;
}

/**
 * Stores articles, each in its own transaction, read in the story's terms (its country, places and
 * outlets). An article whose exact version is stored already is not even extracted again.
 */
export async function storeArticles(store: ArticleWriter, story: StoryConfig, articles: readonly Article[]): Promise<IngestReport[]> {
  const analyser = createAnalyser(story);
  const reports: IngestReport[] = [];
  for (const article of articles) {
    const result: IngestResult = (await store.isUnchanged(article.id, article.contentHash))
      ? { status: "unchanged", articleId: article.id, update: null }
      : await store.ingest(story.slug, article, extractArticle(article, analyser));
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
