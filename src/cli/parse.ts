import { parseArgs } from "node:util";
import type { Article } from "../ingest/article.js";
import type { Extraction } from "../extract/facts.js";
import { loadConfig } from "../config.js";
import { createAnalyser, extractArticle } from "../extract/index.js";
import { loadArticleFile } from "../ingest/load.js";
import { loadStories, type StoryConfig } from "../story/config.js";
import { UsageError } from "./usage-error.js";

/** The JSON document `cli parse --json` prints; its top-level keys are a contract other tools rely on. */
export function parseReport(article: Article, extraction: Extraction) {
  const { id, title, asOf, url, outlet, language, blocks, comments } = article;
  return {
    article: { id, title, asOf, url, outlet, language, blocks, comments },
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
  out.push(article.title, `as of ${article.asOf ?? "unknown"}${article.url ? ` · ${article.url}` : ""}`);
  section("Summary", extraction.summary.map((s) => s.text));
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
  section("Timeline", extraction.timeline.map((t) => `${t.at}: ${t.text}`));
  section("Reader comments kept apart", article.comments.map((c) => `${c.author ?? "anonymous"}${c.postedAt ? ` at ${c.postedAt}` : ""}`));
  return out.join("\n");
}

/** The story an article is read for: the one named, else the only one there is, else none (no country assumed). */
function storyFor(slug: string | undefined): Pick<StoryConfig, "country" | "places" | "outlets"> {
  const stories = loadStories(loadConfig().STORIES_DIR);
  if (slug === undefined) return stories.length === 1 ? stories[0]! : { country: null, places: [], outlets: [] };
  const story = stories.find((s) => s.slug === slug);
  if (!story) throw new UsageError(`unknown story "${slug}" (known: ${stories.map((s) => s.slug).join(", ")})`);
  return story;
}

export function runParse(args: string[]): string {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, story: { type: "string" } },
    allowPositionals: true,
  });
  const [file, ...rest] = positionals;
  if (!file || rest.length) throw new UsageError("usage: cli parse <file> [--json] [--story <slug>]");
  const article = loadArticleFile(file);
  const extraction = extractArticle(article, createAnalyser(storyFor(values.story)));
  return values.json ? JSON.stringify(parseReport(article, extraction), null, 2) : textReport(article, extraction);
}
