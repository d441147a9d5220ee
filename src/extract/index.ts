import type { Article } from "../ingest/article.js";
import { extractActors, resolveActor } from "./actors.js";
import type { Extraction } from "./facts.js";
import { extractFigures } from "./figures.js";
import { extractReactions } from "./reactions.js";
import { articleSentences } from "./sentences.js";
import { rankSummary } from "./summary.js";
import { extractTimeline } from "./timeline.js";
import { extractVideos } from "./videos.js";

/** Article → every fact the bot serves. Pure: the same article always gives the same extraction. */
export function extractArticle(article: Article): Extraction {
  const sentences = articleSentences(article);
  const actors = extractActors(sentences);
  // A figure attributed to a person ("President Kassym-Shomart Tokayev spoke of…") names the same
  // actor everywhere, so the casualty table can group by source.
  const found = extractFigures(sentences);
  // A sub-heading repeats a number its paragraph gives in full, with source and qualifier.
  const inParagraphs = new Set(found.filter((f) => !sentences[f.sentenceIndex]?.heading).map((f) => f.count));
  const figures = found
    .filter((f) => !(sentences[f.sentenceIndex]?.heading && inParagraphs.has(f.count)))
    .map((figure) => {
      const actor = figure.attributedTo ? resolveActor(actors, figure.attributedTo) : null;
      return actor ? { ...figure, attributedTo: actor.name } : figure;
    });
  const reactions = extractReactions(sentences, actors);
  return {
    sentences,
    figures,
    actors,
    reactions,
    videos: extractVideos(article),
    summary: rankSummary(article.title, sentences, { figures, actors, reactions }),
    timeline: extractTimeline(sentences, article.asOf),
  };
}
