import type { Article } from "../ingest/article.js";

/**
 * Where an article's as-of time came from when the article itself does not state one, in words, for
 * `parse` and `ingest` to say: a time guessed from the file or the fetch must never pass as the
 * article's own. Null when the article states its time.
 */
export function asOfNote(article: Pick<Article, "asOf" | "asOfFrom">): string | null {
  switch (article.asOfFrom) {
    case "metadata":
      return "from the file's front matter or sidecar (the text states no time)";
    case "dateline":
      return "from its dateline (the text states no other time)";
    case "file-modified":
      return "the file's modification time: the article states no time";
    case "fetched":
      return "when it was fetched: the page states no time";
    default:
      return article.asOf === null ? "the article states no time" : null;
  }
}
