import { analyseArticle, type Analyser, type AnalyzedArticle } from "../analyse/index.js";
import { termsOfTokens } from "../analyse/terms.js";
import type { Article } from "../ingest/article.js";
import { extractActors } from "./actors.js";
import type { Extraction } from "./facts.js";
import { extractFigures } from "./figures.js";
import { extractReactions } from "./reactions.js";
import { rankSummary } from "./summary.js";
import { extractTimeline } from "./timeline.js";
import { extractVideos } from "./videos.js";

export { createAnalyser, type Analyser } from "../analyse/index.js";

/** The facts of one analysed article: each extractor is a set of rules over the same analysis. */
export function extractFacts(analysis: AnalyzedArticle): Extraction {
  const figures = extractFigures(analysis);
  const actors = extractActors(analysis);
  const reactions = extractReactions(analysis);
  return {
    // A heading is never searched, so it carries no terms.
    sentences: analysis.sentences.map(({ index, block, text, at, unverified, heading, tokens }) =>
      heading ? { index, block, text, at, unverified, heading } : { index, block, text, at, unverified, terms: termsOfTokens(tokens).join(" ") },
    ),
    figures,
    actors,
    reactions,
    videos: extractVideos(analysis.article),
    summary: rankSummary(analysis, { figures, actors, reactions }),
    timeline: extractTimeline(analysis),
  };
}

/** Article → every fact the bot serves, read in the story's terms. Pure: the same article and story always give the same extraction. */
export function extractArticle(article: Article, analyser: Analyser): Extraction {
  return extractFacts(analyseArticle(article, analyser));
}
