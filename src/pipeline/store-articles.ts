import type { StoryFacts } from "../analyse/index.js";
import { createAnalyser, extractArticle } from "../extract/index.js";
import type { Extraction } from "../extract/facts.js";
import type { StoryConfig } from "../story/config.js";
import type { ArticleWriter, IngestResult } from "../store/index.js";
import type { Article } from "../ingest/article.js";
import { ArticleInputError } from "../ingest/errors.js";
import { expandArticlePaths, loadArticles } from "../ingest/load.js";

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

/**
 * Stores articles, each in its own transaction. An article whose exact version is stored already is
 * not even extracted again.
 */
export async function storeArticles(
  store: ArticleWriter,
  story: StoryConfig,
  articles: readonly Article[],
  extract?: Extract,
): Promise<IngestReport[]> {
  const facts = storyFacts(story);
  const analyser = extract ? null : createAnalyser(facts);
  const reports: IngestReport[] = [];
  for (const article of articles) {
    const result: IngestResult = (await store.isUnchanged(article.id, article.contentHash))
      ? { status: "unchanged", articleId: article.id, update: null }
      : await store.ingest(story.slug, article, extract ? await extract(article, facts) : extractArticle(article, analyser!));
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
