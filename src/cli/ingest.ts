import { parseArgs } from "node:util";
import { loadConfig, makeDatabaseFolder } from "../config.js";
import type { Article } from "../ingest/article.js";
import { extractArticles, readArticleFiles, writeArticles, type IngestReport } from "../pipeline/store-articles.js";
import { createFetcher, type FetcherOptions } from "../sources/fetch.js";
import { readSource } from "../pipeline/read-source.js";
import { DEFAULT_FETCH, fetchSettings } from "../pipeline/refresh-sources.js";
import { openStore } from "../store/index.js";
import { loadStories } from "../story/config.js";
import { asOfNote } from "./as-of-note.js";
import { progressBar, type ProgressStream } from "./progress.js";
import { storyOption } from "./story-option.js";
import { UsageError } from "./usage-error.js";
import { ArticleInputError } from "../ingest/errors.js";

export interface IngestOutput {
  stdout: string;
  stderr: string;
  exitCode: 0 | 2;
}

/** Below this many items a terminal gets no progress bar unless `--progress` asks for one. */
const PROGRESS_MIN_ITEMS = 10;
const isUrl = (arg: string) => /^https?:\/\//i.test(arg);

/**
 * `ingest <file|dir|url>... [--story slug] [--progress]`: all inputs are read (URLs fetched, a
 * feed's linked pages too) and checked first; if any is bad, nothing is stored and each bad one is
 * reported with its origin and reason. Progress goes to `progress` (stderr), never to stdout.
 */
export async function runIngest(args: string[], progress: ProgressStream = process.stderr): Promise<IngestOutput> {
  const { values, positionals } = parseArgs({
    args,
    options: { story: { type: "string" }, progress: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError("usage: cli ingest <file|dir|url>... [--story <slug>] [--progress]");
  const config = loadConfig();
  const stories = loadStories(config.STORIES_DIR);
  const story = storyOption(stories, values.story);
  const { slug } = story;

  const urls = positionals.filter(isUrl);
  const paths = positionals.filter((p) => !isUrl(p));
  // Every file is parsed (no raw-hash skip): the command reports each article it was given.
  const { articles, errors } = paths.length ? readArticleFiles(paths) : { articles: [] as Article[], errors: [] };
  const rejected = errors.map((e) => `rejected ${e.message}`);
  if (urls.length) {
    const fetched = await fetchUrls(urls, fetchSettings(config), { stream: progress, force: values.progress });
    articles.push(...fetched.articles);
    rejected.push(...fetched.rejected);
  }
  if (rejected.length) return { stdout: "", stderr: [...rejected, "nothing was stored"].join("\n"), exitCode: 2 };
  if (articles.length === 0) throw new ArticleInputError(positionals.join(" "), "no articles found");

  const created = makeDatabaseFolder(config);
  const store = await openStore(config.DATABASE_URL);
  try {
    // Every article is extracted before any is written: one over its CPU budget is a rejection like a malformed file, and nothing is stored.
    const bar = progressBar(progress, "storing", articles.length, { force: values.progress, minItems: PROGRESS_MIN_ITEMS });
    const { extracted, rejected: tooCostly } = await extractArticles(store, story, articles, undefined, () => bar.tick());
    bar.finish();
    if (tooCostly.length) return { stdout: "", stderr: [...tooCostly.map((e) => `rejected ${e.message}`), "nothing was stored"].join("\n"), exitCode: 2 };
    const reports: IngestReport[] = await writeArticles(store, story, extracted);
    const lines = reports.map((r) => {
      const news = r.update
        ? ` (new: ${r.update.figures.length} figures, ${r.update.reactions.length} reactions, ${r.update.actors.length} actors, ${r.update.videos.length} videos)`
        : "";
      return `${r.status.padEnd(9)} ${r.origin}: ${r.title}${news}`;
    });
    const count = (status: string) => reports.filter((r) => r.status === status).length;
    const reread = count("reextracted") ? `, ${count("reextracted")} reextracted` : "";
    lines.push(`${count("added")} added, ${count("updated")} updated, ${count("unchanged")} unchanged${reread} in story "${slug}"`);
    // Said on stderr, so stdout keeps its one line per article for the tools reading it.
    const notes = articles.flatMap((a) => {
      const note = asOfNote(a);
      return note ? [`note ${a.origin}: as of ${a.asOf ?? "unknown"}, ${note}`] : [];
    });
    return { stdout: lines.join("\n"), stderr: [created, ...notes].filter(Boolean).join("\n"), exitCode: 0 };
  } finally {
    await store.close();
  }
}

/** Pages become one article each, feeds one per item; every failure, a feed item's too, is a rejection. */
async function fetchUrls(urls: readonly string[], settings: Partial<FetcherOptions>, progress: { stream: ProgressStream; force: boolean }) {
  const fetcher = createFetcher({ ...DEFAULT_FETCH, ...settings });
  const bar = progressBar(progress.stream, "fetching", urls.length, { force: progress.force, minItems: PROGRESS_MIN_ITEMS });
  const articles: Article[] = [];
  const rejected: string[] = [];
  const reads = await Promise.all(
    urls.map(async (url) => {
      const read = await readSource(fetcher, url, {
        onLinkedItem: () => bar.tick(),
        onLinkedItems: (count) => bar.grow(count),
      });
      bar.tick();
      return { url, read };
    }),
  );
  bar.finish();
  for (const { url, read } of reads) {
    if (read.status === "failed" || read.status === "aborted") rejected.push(`rejected ${url}: ${read.reason}`);
    else if (read.status === "ok") {
      articles.push(...read.articles);
      rejected.push(...read.itemFailures.map((f) => `rejected ${f.url} (item of ${url}): ${f.reason}`));
    }
  }
  return { articles, rejected };
}
