import type { AnalyzedArticle } from "../analyse/index.js";
import type { TimelineEvent } from "./facts.js";

/**
 * Dated developments: sentences that name their day ("on Friday", "on 5 January") and the entries of
 * live blogs whose blocks carry their own time stamp. Headings are skipped: they repeat a paragraph.
 */
export function extractTimeline(analysis: AnalyzedArticle): TimelineEvent[] {
  const articleAsOf = analysis.article.asOf;
  const events: TimelineEvent[] = [];
  const stampedBlocks = new Set<number>();
  for (const sentence of analysis.sentences) {
    analysis.budget.check("timeline");
    if (sentence.heading) continue;
    const stamped = sentence.at !== null && sentence.at !== articleAsOf && !stampedBlocks.has(sentence.block);
    if (stamped && sentence.at) {
      stampedBlocks.add(sentence.block);
      events.push({ at: sentence.at, text: sentence.text, sentenceIndex: sentence.index });
      continue;
    }
    if (sentence.day) events.push({ at: sentence.day, text: sentence.text, sentenceIndex: sentence.index });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.sentenceIndex - b.sentenceIndex);
}
