import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { actorView } from "../src/briefing/actor.js";
import { askView } from "../src/briefing/ask.js";
import { casualtiesView } from "../src/briefing/casualties.js";
import { reactionsView } from "../src/briefing/reactions.js";
import { summaryView } from "../src/briefing/summary.js";
import { timelineView } from "../src/briefing/timeline.js";
import { videosView } from "../src/briefing/videos.js";
import { createAnalyser, extractArticle } from "../src/extract/index.js";
import type { Extraction } from "../src/extract/facts.js";
import type { Article } from "../src/ingest/article.js";
import { parseArticleText } from "../src/ingest/text.js";
import { openStore, type Store } from "../src/store/index.js";
import { loadStories } from "../src/story/config.js";
import { corpusArticle } from "./corpus.js";

/**
 * How the store's answers and its ingest grow with the story: 1k → 10k articles, and on to 50k with
 * `npm run bench -- scale 50k` (minutes on a small machine). Distinct seed variants are extracted once and stored under new ids, so the run
 * measures the store, not extraction. Each step prints every command cold (the first answer of a
 * freshly opened store) and warm, the store step per article against a bare FTS5 table fed the
 * same sentences (its floor), bytes written and disk per article, each as a ratio to its aim.
 */
const VARIANTS = 300;
const found = loadStories("data/stories").find((s) => s.slug === "kazakhstan");
if (!found) throw new Error("data/stories has no kazakhstan story");
const STORY = found;

/** Bytes this process has written to storage so far (Linux), or null where /proc does not say. */
function writtenBytes(): number | null {
  try {
    const line = readFileSync("/proc/self/io", "utf8")
      .split("\n")
      .find((l) => l.startsWith("write_bytes:"));
    return line ? Number(line.split(/\s+/)[1]) : null;
  } catch {
    return null;
  }
}

const diskBytes = (dir: string) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

const COMMANDS: Array<[string, (store: Store) => Promise<unknown>]> = [
  ["actor", (s) => actorView(s, STORY, "Tokayev")],
  ["autocomplete", async (s) => (await s.actorIndex(STORY.slug)).filter((a) => a.name.toLowerCase().includes("to")).slice(0, 25)],
  ["ask", (s) => askView(s, STORY, "How many people died?")],
  ["summary", (s) => summaryView(s, STORY)],
  ["casualties", (s) => casualtiesView(s, STORY)],
  ["reactions", (s) => reactionsView(s, STORY)],
  ["timeline", (s) => timelineView(s, STORY)],
  ["videos", (s) => videosView(s, STORY)],
];

/** Aims of issue 12, where the table gives one. */
const AIM_MS: Record<string, number> = { actor: 30, ask: 60, autocomplete: 20 };

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The floor of the store step: the same sentences into a bare FTS5 table, one transaction per article. */
function bareFts(dir: string, docs: ReadonlyArray<readonly string[]>, count: number): number {
  const db = new Database(join(dir, "floor.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE VIRTUAL TABLE f USING fts5 (text)");
  const insert = db.prepare("INSERT INTO f (text) VALUES (?)");
  const one = db.transaction((sentences: readonly string[]) => {
    for (const text of sentences) insert.run(text);
  });
  const started = performance.now();
  for (let i = 0; i < count; i++) one(docs[i % docs.length] ?? []);
  const ms = (performance.now() - started) / count;
  db.close();
  return ms;
}

const ratio = (value: number, aim: number | undefined) => (aim === undefined ? "" : `  (${(value / aim).toFixed(2)} of aim ${aim})`);

export async function benchScale(upTo = 10_000): Promise<void> {
  const steps = [1_000, 10_000, 50_000].filter((n) => n <= upTo);
  const analyser = createAnalyser(STORY);
  const variants: Array<{ article: Article; extraction: Extraction }> = [];
  for (let i = 0; i < VARIANTS; i++) {
    const article = parseArticleText(corpusArticle(i), `bench/${i}.txt`);
    variants.push({ article, extraction: extractArticle(article, analyser) });
  }
  const articleBytes = variants.reduce((sum, _, i) => sum + Buffer.byteLength(corpusArticle(i)), 0) / VARIANTS;
  // The JIT warmed on a throwaway store first (as the ingest bench does): the step measures a running bot's store, not its first minute.
  const warm = await openStore(":memory:");
  await warm.ingestBatch(STORY.slug, variants);
  await warm.close();
  const dir = mkdtempSync(join(tmpdir(), "bench-scale-"));
  const floorDir = mkdtempSync(join(tmpdir(), "bench-scale-floor-"));
  const path = join(dir, "scale.db");
  const out: string[] = [
    `scale: the store from 1k to ${upTo / 1000}k articles (${VARIANTS} seed variants of ${(articleBytes / 1024).toFixed(1)} KB under new ids), SQLite file`,
  ];
  try {
    let stored = 0;
    for (const step of steps) {
      const store = await openStore(path);
      const written = writtenBytes();
      const started = performance.now();
      const batch = step - stored;
      // As a run stores them: in batches of 250 (one transaction each) where the store has batches.
      while (stored < step) {
        const items = Array.from({ length: Math.min(250, step - stored) }, (_, k) => {
          const i = stored + k;
          const variant = variants[i % VARIANTS];
          if (!variant) throw new Error(`no variant ${i % VARIANTS}`);
          const { article, extraction } = variant;
          return {
            article: { ...article, id: `scale-${i}`, contentHash: createHash("sha256").update(`${article.contentHash}-${i}`).digest("hex") },
            extraction,
          };
        });
        if ("ingestBatch" in store) await store.ingestBatch(STORY.slug, items);
        else for (const { article, extraction } of items) await (store as Store).ingest(STORY.slug, article, extraction);
        stored += items.length;
      }
      const storeMs = (performance.now() - started) / batch;
      await store.close();
      const writtenPer = written === null ? null : ((writtenBytes() ?? 0) - written) / batch;
      const floorMs = bareFts(
        floorDir,
        variants.map((v) => v.extraction.sentences.map((s) => s.text)),
        Math.min(batch, 2000),
      );
      rmSync(join(floorDir, "floor.db"), { force: true });

      const cold: number[] = [];
      const warm: number[] = [];
      for (const [, command] of COMMANDS) {
        // Cold: a store just opened, nothing drawn yet (what the first answer after a restart or another process's ingest costs).
        const fresh = await openStore(path);
        cold.push(await time(() => command(fresh)));
        const again: number[] = [];
        for (let i = 0; i < 5; i++) again.push(await time(() => command(fresh)));
        warm.push(again.sort((a, b) => a - b)[2] ?? NaN);
        await fresh.close();
      }
      const disk = diskBytes(dir) / step;
      out.push(`  ${step / 1000}k articles:`);
      out.push(
        `    store step     ${storeMs.toFixed(2)} ms per article, ${(storeMs / floorMs).toFixed(1)}× a bare FTS5 table (${floorMs.toFixed(2)} ms)${ratio(storeMs / floorMs, 3)}`,
      );
      if (writtenPer !== null) out.push(`    bytes written  ${(writtenPer / 1024).toFixed(0)} KB per article${ratio(writtenPer / 1024, 150)}`);
      out.push(`    disk           ${(disk / 1024).toFixed(1)} KB per article${ratio(disk / 1024, 10)}`);
      COMMANDS.forEach(([name], i) => {
        const [first, then] = [cold[i] ?? NaN, warm[i] ?? NaN];
        out.push(`    ${name.padEnd(13)}  cold ${first.toFixed(1).padStart(7)} ms   warm ${then.toFixed(2).padStart(7)} ms${ratio(first, AIM_MS[name])}`);
      });
      console.log(out.splice(0).join("\n"));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
  }
}
