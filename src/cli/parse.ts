import { parseArgs } from "node:util";
import type { Article } from "../ingest/article.js";
import type { Extraction } from "../extract/facts.js";
import { loadConfig } from "../config.js";
import { createAnalyser, extractArticle } from "../extract/index.js";
import { loadStories } from "../story/config.js";
import { storyOption } from "./story-option.js";
import { loadArticles } from "../ingest/load.js";
import { ArticleInputError } from "../ingest/errors.js";
import { asOfNote } from "./as-of-note.js";
import { UsageError } from "./usage-error.js";

/** The JSON document `cli parse --json` prints; its top-level keys are a contract other tools rely on. */
export function parseReport(article: Article, extraction: Extraction) {
  const { id, title, asOf, url, outlet, language, blocks, comments } = article;
  return {
    article: { id, title, asOf, asOfFrom: article.asOfFrom ?? null, url, outlet, language, blocks, comments },
    figures: extraction.figures,
    reactions: extraction.reactions,
    actors: extraction.actors,
    videos: extraction.videos,
    summary: extraction.summary.map((s) => s.text),
    timeline: extraction.timeline,
  };
}

function describeFigure(f: Extraction["figures"][number]): string {
  const qualifier = f.qualifier === "exact" ? "" : `${f.qualifier} `;
  const what = [f.who, f.unit].filter(Boolean).join(" ") || "(unspecified)";
  const source = f.attributedTo ? `, according to ${f.attributedTo}` : "";
  return `${f.category}: ${qualifier}${f.count.toLocaleString("en")} ${what}${source}${f.unverified ? " (unverified)" : ""}`;
}

export function textReport(article: Article, extraction: Extraction): string {
  const out: string[] = [];
  const section = (heading: string, lines: string[]) => {
    out.push("", `${heading} (${lines.length})`, ...(lines.length ? lines.map((l) => `  - ${l}`) : ["  (none)"]));
  };
  const note = asOfNote(article);
  out.push(article.title, `as of ${article.asOf ?? "unknown"}${note ? ` (${note})` : ""}${article.url ? ` · ${article.url}` : ""}`);
  section(
    "Summary",
    extraction.summary.map((s) => s.text),
  );
  section("Figures", extraction.figures.map(describeFigure));
  section(
    "Actors",
    extraction.actors.map((a) => `${a.name}${a.role ? `, ${a.role}` : ""} [${a.kind}]${a.aliases.length ? ` aka ${a.aliases.join(", ")}` : ""}`),
  );
  section(
    "Reactions",
    extraction.reactions.map((r) => `${r.actor} (${r.countryOrOrg}): ${r.gist}${r.quote ? ` “${r.quote}”` : ""}`),
  );
  section(
    "Videos",
    extraction.videos.map((v) => `${v.title} (${[v.reporter, v.outlet, v.programme, v.airedAt].filter(Boolean).join(", ")})`),
  );
  section(
    "Timeline",
    extraction.timeline.map((t) => `${t.at}: ${t.text}`),
  );
  section(
    "Reader comments kept apart",
    article.comments.map((c) => `${c.author ?? "anonymous"}${c.postedAt ? ` at ${c.postedAt}` : ""}`),
  );
  return out.join("\n");
}

/**
 * `parse <file>... [--json]`: one file prints one report (one JSON document with --json); several
 * print one report each, under the file's name (a JSON array of documents with --json). Every file
 * is read first: any malformed one is reported with its reason, exit 2, and nothing is printed.
 */
export function runParse(args: string[]): { stdout: string; stderr: string; exitCode: 0 | 2 } {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, story: { type: "string" } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError("usage: cli parse <file>... [--json] [--story <slug>]");
  // Articles are read in a story's terms: its country is the one whose officials are not "international".
  const analyser = createAnalyser(storyOption(loadStories(loadConfig().STORIES_DIR), values.story));
  const articles: Array<{ file: string; article: Article }> = [];
  const rejected: string[] = [];
  for (const file of positionals) {
    try {
      // A saved feed gives one report per item, each under the item's own origin.
      articles.push(...loadArticles(file).map((article) => ({ file: article.origin, article })));
    } catch (error) {
      if (!(error instanceof ArticleInputError)) throw error;
      rejected.push(`rejected ${error.message}`);
    }
  }
  if (rejected.length) return { stdout: "", stderr: rejected.join("\n"), exitCode: 2 };
  const reports = articles.flatMap((r) => {
    try {
      return [{ ...r, extraction: extractArticle(r.article, analyser) }];
    } catch (error) {
      // An article over its CPU budget is refused like a malformed one.
      if (!(error instanceof ArticleInputError)) throw error;
      rejected.push(`rejected ${error.message}`);
      return [];
    }
  });
  if (rejected.length) return { stdout: "", stderr: rejected.join("\n"), exitCode: 2 };
  if (values.json) {
    const documents = reports.map((r) => parseReport(r.article, r.extraction));
    return { stdout: JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2), stderr: "", exitCode: 0 };
  }
  const texts = reports.map((r) => (reports.length === 1 ? "" : `== ${r.file} ==\n`) + textReport(r.article, r.extraction));
  return { stdout: texts.join("\n\n"), stderr: "", exitCode: 0 };
}
