import { readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import type { Article } from "./article.js";
import { decodeBody } from "./charset.js";
import { ArticleInputError } from "./errors.js";
import { parseArticleHtml } from "./html.js";
import { MAX_ARTICLE_BYTES, readArticleFile } from "./read-file.js";

const HTML = new Set([".html", ".htm"]);
const TEXT = new Set([".txt", ".md", ""]);

/** Files an operator may drop in a folder: article text and saved pages, not their sidecars. */
export function isArticleFile(path: string): boolean {
  const ext = extname(path).toLowerCase();
  const name = path.split("/").at(-1) ?? "";
  return !name.startsWith(".") && (HTML.has(ext) || TEXT.has(ext));
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

/** Reads one article file of any supported kind; throws ArticleInputError with file and line. */
export function loadArticleFile(path: string): Article {
  if (!HTML.has(extname(path).toLowerCase())) return readArticleFile(path);
  const bytes = readFileSync(path);
  if (bytes.length > MAX_ARTICLE_BYTES) throw new ArticleInputError(path, `file is larger than ${MAX_ARTICLE_BYTES} bytes`);
  return parseArticleHtml(decodeBody(bytes, null), path);
}
