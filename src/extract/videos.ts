import type { Article } from "../ingest/article.js";
import type { Video } from "./facts.js";

/** Videos are already structured by the parsers; the caption is the title. No URL is ever made up. */
export function extractVideos(article: Article): Video[] {
  return article.blocks.flatMap((block) =>
    block.type === "video"
      ? [{ title: block.title, reporter: block.reporter, outlet: block.outlet, programme: block.programme, airedAt: block.airedAt, url: block.url }]
      : [],
  );
}
