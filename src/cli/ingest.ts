import { parseArgs } from "node:util";
import { loadConfig, databasePath } from "../config.js";
import { readArticleFiles, storeArticles } from "../ingest/store-articles.js";
import { openStore } from "../store/index.js";
import { loadStories } from "../story/config.js";
import { UsageError } from "./usage-error.js";
import { ArticleInputError } from "../ingest/errors.js";

export interface IngestOutput {
  stdout: string;
  stderr: string;
  exitCode: 0 | 2;
}

/**
 * `ingest <file|dir>... [--story slug]`: all inputs are read and checked first; if any is bad,
 * nothing is stored and each bad one is reported with file, line and reason.
 */
export function runIngest(args: string[]): IngestOutput {
  const { values, positionals } = parseArgs({ args, options: { story: { type: "string" } }, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError("usage: cli ingest <file|dir>... [--story <slug>]");
  const config = loadConfig();
  const stories = loadStories(config.STORIES_DIR);
  const slug = values.story ?? (stories.length === 1 ? stories[0]!.slug : undefined);
  if (!slug) throw new UsageError(`several stories exist (${stories.map((s) => s.slug).join(", ")}): name one with --story`);
  if (!stories.some((s) => s.slug === slug)) throw new UsageError(`unknown story "${slug}" (known: ${stories.map((s) => s.slug).join(", ")})`);

  const { articles, errors } = readArticleFiles(positionals);
  if (errors.length) {
    return { stdout: "", stderr: [...errors.map((e) => `rejected ${e.message}`), "nothing was stored"].join("\n"), exitCode: 2 };
  }
  if (articles.length === 0) throw new ArticleInputError(positionals.join(" "), "no article files found");
  const store = openStore(databasePath(config));
  try {
    const reports = storeArticles(store, slug, articles);
    const lines = reports.map((r) => {
      const news = r.update
        ? ` (new: ${r.update.figures.length} figures, ${r.update.reactions.length} reactions, ${r.update.actors.length} actors, ${r.update.videos.length} videos)`
        : "";
      return `${r.status.padEnd(9)} ${r.origin}: ${r.title}${news}`;
    });
    const count = (status: string) => reports.filter((r) => r.status === status).length;
    lines.push(`${count("added")} added, ${count("updated")} updated, ${count("unchanged")} unchanged in story "${slug}"`);
    return { stdout: lines.join("\n"), stderr: "", exitCode: 0 };
  } finally {
    store.close();
  }
}
