import { readFileSync } from "node:fs";
import { analyseArticle, createAnalyser, type AnalyzedArticle, type StoryFacts } from "../../src/analyse/index.js";
import type { Article, Block } from "../../src/ingest/article.js";
import { readArticleFile } from "../../src/ingest/read-file.js";
import { loadStories } from "../../src/story/config.js";

/** The Kazakhstan story's own facts (its country, places and outlets), as its story file gives them. */
export const KAZAKHSTAN: StoryFacts = loadStories(new URL("../../data/stories/", import.meta.url).pathname).find((s) => s.slug === "kazakhstan")!;

/** A story that names no country: nothing is domestic and no country is assumed. */
export const NO_STORY: StoryFacts = { country: null, places: [], outlets: [] };

export const SEED_AS_OF = "2022-01-08T09:12:00+01:00";

/**
 * An article of plain paragraphs (separated by blank lines), analysed in a story's terms, without
 * the text parser: extraction tests state exactly the text they read.
 */
export function analysedText(text: string, options: { story?: StoryFacts; at?: string | null; headings?: readonly number[] } = {}): AnalyzedArticle {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const blocks: Block[] = paragraphs.map((p, i) =>
    options.headings?.includes(i) ? { type: "heading", text: p } : { type: "paragraph", text: p, ...(i === 0 ? { lead: true } : {}) },
  );
  const article: Article = {
    id: "test-article",
    contentHash: "0".repeat(64),
    title: "A test article",
    asOf: options.at === undefined ? SEED_AS_OF : options.at,
    url: null,
    outlet: null,
    language: "en",
    origin: "test",
    blocks,
    comments: [],
  };
  return analyseArticle(article, createAnalyser(options.story ?? KAZAKHSTAN));
}

/** An article file read through the real parser and analysed for the Kazakhstan story. */
export function analysedFile(path: string, story: StoryFacts = KAZAKHSTAN): AnalyzedArticle {
  return analyseArticle(readArticleFile(path), createAnalyser(story));
}

/** The seed article, read through the real parser. */
export function seedAnalysis(): AnalyzedArticle {
  return analysedFile(new URL("../../data/articles/000_3d272934acddc640.txt", import.meta.url).pathname);
}

export function seedText(): string {
  return readFileSync(new URL("../../data/articles/000_3d272934acddc640.txt", import.meta.url), "utf8");
}
