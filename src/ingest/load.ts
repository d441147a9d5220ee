import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import type { Article, AsOfFallback } from "./article.js";
import { decodeBody } from "../charset.js";
import { ArticleInputError } from "./errors.js";
import { feedItemToArticle, isFeedDocument, parseFeed } from "./feed.js";
import { parseArticleHtml } from "./html.js";
import { decodeArticleBytes, parseTextFile, readArticleBytes, sidecarOf } from "./read-file.js";

const HTML = new Set([".html", ".htm"]);
const FEED = new Set([".xml", ".rss", ".atom"]);
const TEXT = new Set([".txt", ".md", ""]);

/** Files an operator may drop in a folder: article text, saved pages and feeds, not their sidecars. */
export function isArticleFile(path: string): boolean {
  const ext = extname(path).toLowerCase();
  const name = path.split("/").at(-1) ?? "";
  return !name.startsWith(".") && (HTML.has(ext) || FEED.has(ext) || TEXT.has(ext));
}

/** Folders become their article files (sorted, so ingest order is repeatable); files stay as given. */
export function expandArticlePaths(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new ArticleInputError(path, "no such file or folder");
    }
    if (!stats.isDirectory()) return [path];
    return readdirSync(path)
      .sort()
      .map((name) => join(path, name))
      .filter((p) => statSync(p).isFile() && isArticleFile(p));
  });
}

/** Whether `paths` name any article file; a missing one counts, so that reading it reports the error. */
export function namesArticleFiles(paths: readonly string[]): boolean {
  try {
    return expandArticlePaths(paths).length > 0;
  } catch (error) {
    if (error instanceof ArticleInputError) return true;
    throw error;
  }
}

/**
 * The articles of one file: a saved feed gives one per item, any other file one. Its size is
 * checked before it is read; an article that states no time is dated by the file's modification
 * time. Throws ArticleInputError with file and line.
 */
export function loadArticles(path: string): Article[] {
  return loadChangedArticles(path, new Map()) ?? [];
}

/**
 * Everything parsing a file reads besides its name, hashed: its bytes, its modification time (the
 * as-of of an article that states none) and its sidecar's bytes (metadata that wins over the file's).
 */
function rawInputHash(path: string, bytes: Buffer, modified: AsOfFallback): string {
  const hash = createHash("sha256").update(bytes).update(`\0${modified.at}\0`);
  const sidecar = sidecarOf(path);
  if (sidecar) hash.update(readFileSync(sidecar));
  return hash.digest("hex");
}

/**
 * The articles of one file, as loadArticles, or null without parsing it when the store holds it
 * as read now: `stored` maps each file path to the raw hash of what was stored from it
 * (ArticleWriter.rawInputs). The file is read and hashed, not parsed, so an unchanged folder
 * costs its reads.
 */
export function loadChangedArticles(path: string, stored: ReadonlyMap<string, string>): Article[] | null {
  const { bytes, modified } = readArticleBytes(path);
  const hash = rawInputHash(path, bytes, modified);
  if (stored.get(path) === hash) return null;
  return parseArticleBytes(path, extname(path).toLowerCase(), bytes, modified).map((article) => ({ ...article, rawInput: { path, hash } }));
}

function parseArticleBytes(path: string, ext: string, bytes: Buffer, modified: AsOfFallback): Article[] {
  // Pages and feeds declare their own charset; article text must be UTF-8 or UTF-16 with a BOM.
  const text = HTML.has(ext) || FEED.has(ext) ? decodeBody(bytes, null) : decodeArticleBytes(bytes, path);
  if (FEED.has(ext) || isFeedDocument(text)) return readFeedFile(text, path, modified);
  if (HTML.has(ext)) return [parseArticleHtml(text, path, {}, modified)];
  return [parseTextFile(text, path, modified)];
}

/**
 * A feed saved to a file: each item that carries its whole report is an article. An item that is
 * only a teaser or a link needs its page fetched, which reading a file never does, so it is an
 * error that says how to get it (ingest the feed's URL), not an item silently left out.
 */
function readFeedFile(xml: string, path: string, modified: AsOfFallback): Article[] {
  const items = parseFeed(xml, path);
  if (items.length === 0) throw new ArticleInputError(path, "the feed holds no items");
  const articles: Article[] = [];
  const teasers = [];
  for (const item of items) {
    const article = feedItemToArticle(item, path, modified);
    if (article) articles.push(article);
    else teasers.push(item);
  }
  const [first] = teasers;
  if (first) {
    const where = first.url ? ` at ${first.url}` : "";
    throw new ArticleInputError(
      path,
      `${teasers.length} of ${items.length} feed items carry only a teaser or a link (first: "${first.title}"${where}); a feed file cannot fetch their pages: ingest the feed by its URL, or save the pages`,
    );
  }
  return articles;
}
