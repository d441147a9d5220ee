import { createHash } from "node:crypto";
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
import { inWriteBatches } from "../src/pipeline/store-articles.js";
import { openStore, type Store } from "../src/store/index.js";
import { loadStories } from "../src/story/config.js";
import { corpusArticle } from "./corpus.js";
import { postgresBackend, sqliteBackend, type ScaleBackend } from "./scale-backends.js";

/**
 * How the store's answers and its ingest grow with the story: 1k → 10k articles, and on to 50k with
 * `npm run bench -- scale 50k` (minutes on a small machine), on SQLite or, with `scale pg`, on the PostgreSQL
 * server of bench/postgres.ts. Distinct seed variants are extracted once and stored under new ids, so the run
 * measures the store, not extraction. Each step prints every command cold (the first answer of a
 * freshly opened store) and warm, the store step per article against a bare full-text table fed the
 * same sentences (its floor: scale-backends.ts), bytes written and disk per article, each as a ratio to its aim.
 */
const VARIANTS = 300;
const found = loadStories("data/stories").find((s) => s.slug === "kazakhstan");
if (!found) throw new Error("data/stories has no kazakhstan story");
const STORY = found;

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

const ratio = (value: number, aim: number | undefined) => (aim === undefined ? "" : `  (${(value / aim).toFixed(2)} of aim ${aim})`);

/** `variants[i % VARIANTS]` under a new id and content hash, as the i-th article of the story. */
function nth(variants: ReadonlyArray<{ article: Article; extraction: Extraction }>, i: number) {
  const variant = variants[i % variants.length];
  if (!variant) throw new Error(`no variant ${i % variants.length}`);
  const { article, extraction } = variant;
  return { article: { ...article, id: `scale-${i}`, contentHash: createHash("sha256").update(`${article.contentHash}-${i}`).digest("hex") }, extraction };
}

export async function benchScale(upTo = 10_000, backendName: "sqlite" | "pg" = "sqlite"): Promise<void> {
  const steps = [1_000, 10_000, 20_000, 50_000].filter((n) => n <= upTo);
  const analyser = createAnalyser(STORY);
  const variants: Array<{ article: Article; extraction: Extraction }> = [];
  for (let i = 0; i < VARIANTS; i++) {
    const article = parseArticleText(corpusArticle(i), `bench/${i}.txt`);
    variants.push({ article, extraction: extractArticle(article, analyser) });
  }
  const articleBytes = variants.reduce((sum, _, i) => sum + Buffer.byteLength(corpusArticle(i)), 0) / VARIANTS;
  // The JIT warmed on a throwaway store first (as the ingest bench does): the step measures a running bot's store, not its first minute.
  // An in-memory SQLite store on either backend: it warms the code they share (checks, what is new, actor identity).
  const warm = await openStore(":memory:");
  await warm.ingestBatch(STORY.slug, variants);
  await warm.close();
  const backend: ScaleBackend = backendName === "pg" ? await postgresBackend() : sqliteBackend();
  const out: string[] = [
    `scale: the store from 1k to ${upTo / 1000}k articles (${VARIANTS} seed variants of ${(articleBytes / 1024).toFixed(1)} KB under new ids), ${backend.where}`,
    `  bytes written: ${backend.writtenWhat}; disk: ${backend.diskWhat}`,
    ...(backend.settles === undefined ? [] : [`  ${backend.settles}`]),
  ];
  try {
    let stored = 0;
    for (const step of steps) {
      const store = await openStore(backend.location);
      const written = await backend.written();
      const started = performance.now();
      const batch = step - stored;
      // As a run stores them (pipeline/store-articles.ts): batches sized by the last one's pace.
      await inWriteBatches(
        Array.from({ length: batch }, (_, k) => nth(variants, stored + k)),
        async (items) => {
          const failed = (await store.ingestBatch(STORY.slug, items)).find((r) => r instanceof Error);
          if (failed) throw failed;
        },
      );
      stored = step;
      const storeMs = (performance.now() - started) / batch;
      await store.close();
      const after = await backend.written();
      const writtenPer = written === null || after === null ? null : (after - written) / batch;
      await backend.settle();
      const floorMs = await backend.floor(
        variants.map((v) => v.extraction.sentences.map((s) => s.text)),
        Math.min(batch, 2000),
      );

      const cold: number[] = [];
      const warm: number[] = [];
      for (const [, command] of COMMANDS) {
        // Cold: a store just opened, nothing drawn yet (what the first answer after a restart or another process's ingest costs).
        const fresh = await openStore(backend.location);
        cold.push(await time(() => command(fresh)));
        const again: number[] = [];
        for (let i = 0; i < 5; i++) again.push(await time(() => command(fresh)));
        warm.push(again.sort((a, b) => a - b)[2] ?? NaN);
        await fresh.close();
      }
      const disk = (await backend.disk()) / step;
      out.push(`  ${step / 1000}k articles:`);
      out.push(
        `    store step     ${storeMs.toFixed(2)} ms per article, ${(storeMs / floorMs).toFixed(1)}× ${backend.floorName} (${floorMs.toFixed(2)} ms)${ratio(storeMs / floorMs, 3)}`,
      );
      out.push(`    bytes written  ${writtenPer === null ? "n/a" : `${(writtenPer / 1024).toFixed(0)} KB per article${ratio(writtenPer / 1024, 150)}`}`);
      out.push(`    disk           ${(disk / 1024).toFixed(1)} KB per article${ratio(disk / 1024, 10)}`);
      COMMANDS.forEach(([name], i) => {
        const [first, then] = [cold[i] ?? NaN, warm[i] ?? NaN];
        out.push(`    ${name.padEnd(13)}  cold ${first.toFixed(1).padStart(7)} ms   warm ${then.toFixed(2).padStart(7)} ms${ratio(first, AIM_MS[name])}`);
      });
      console.log(out.splice(0).join("\n"));
    }
  } finally {
    await backend.close();
  }
}
