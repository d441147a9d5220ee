import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { Article } from "./article.js";

/**
 * An article keeps its id when its text changes (a live page being updated), so the id comes from
 * where it lives, not from what it says: its URL when it has one, else its file name.
 */
export function articleId(url: string | null, origin: string): string {
  const key = url ?? `file:${basename(origin)}`;
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/** Hash over everything extraction reads, so an unchanged article is recognised and skipped. */
export function contentHash(content: Pick<Article, "title" | "asOf" | "url" | "outlet" | "blocks" | "comments">): string {
  const canonical = JSON.stringify([content.title, content.asOf, content.url, content.outlet, content.blocks, content.comments]);
  return createHash("sha256").update(canonical).digest("hex");
}
