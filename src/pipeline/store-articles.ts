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

/** Writes extracted articles, each in its own transaction. */
export async function writeArticles(store: ArticleWriter, story: StoryConfig, extracted: readonly Extracted[]): Promise<IngestReport[]> {
  const reports: IngestReport[] = [];
  for (const { article, extraction } of extracted) {
    const result: IngestResult =
      extraction === null ? { status: "unchanged", articleId: article.id, update: null } : await store.ingest(story.slug, article, extraction);
    reports.push({ ...result, origin: article.origin, title: article.title });
  }
  return reports;
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
