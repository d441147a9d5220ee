import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyseArticle } from "../src/analyse/index.js";
import { createAnalyser, extractArticle, extractFacts } from "../src/extract/index.js";
import { readArticleFile } from "../src/ingest/read-file.js";
import type { Extraction } from "../src/extract/facts.js";
import type { Article } from "../src/ingest/article.js";
import { FIRST_WRITE_BATCH, nextWriteBatch } from "../src/pipeline/store-articles.js";
import { openStore } from "../src/store/index.js";
import { loadStories } from "../src/story/config.js";
import { corpusArticle } from "./corpus.js";
import { sqliteBackend } from "./scale-backends.js";

/** Parse + analyse + extract + store throughput on one core, with each phase's share. */
export async function benchIngest(count = Number(process.env.BENCH_ARTICLES ?? 2000)): Promise<void> {
  const analyser = createAnalyser(loadStories("data/stories").find((s) => s.slug === "kazakhstan")!);
  const dir = mkdtempSync(join(tmpdir(), "bench-ingest-"));
  try {
    let bytes = 0;
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
      const text = corpusArticle(i);
      bytes += Buffer.byteLength(text);
      const path = join(dir, `${String(i).padStart(6, "0")}.txt`);
      writeFileSync(path, text);
      paths.push(path);
    }
    // Warm up the JIT and chrono's parsers on articles outside the measured set.
    const warm = await openStore(":memory:");
    for (let i = 0; i < 50; i++) await warm.ingest("bench", readArticleFile(paths[i]!), extractArticle(readArticleFile(paths[i]!), analyser));
    await warm.close();

    const store = await openStore(join(dir, "bench.db"));
    const phase = { parse: 0, analyse: 0, extract: 0, store: 0 };
    const started = performance.now();
    // Stored as a run stores them (pipeline/store-articles.ts): batches sized by the last one's pace.
    let batch: Array<{ article: Article; extraction: Extraction }> = [];
    let size = FIRST_WRITE_BATCH;
    const sentences: string[][] = [];
    const write = async () => {
      const t0 = performance.now();
      await store.ingestBatch("bench", batch);
      const took = performance.now() - t0;
      phase.store += took;
      size = nextWriteBatch(batch.length, took);
      batch = [];
    };
    for (const path of paths) {
      const t0 = performance.now();
      const article = readArticleFile(path);
      const t1 = performance.now();
      const analysis = analyseArticle(article, analyser);
      const t2 = performance.now();
      const extraction = extractFacts(analysis);
      const t3 = performance.now();
      phase.parse += t1 - t0;
      phase.analyse += t2 - t1;
      phase.extract += t3 - t2;
      batch.push({ article, extraction });
      sentences.push(extraction.sentences.map((x) => x.text));
      if (batch.length >= size) await write();
    }
    if (batch.length) await write();
    const seconds = (performance.now() - started) / 1000;
    const again = performance.now();
    for (const path of paths.slice(0, 500)) {
      const article = readArticleFile(path);
      await store.isUnchanged(article.id, article.contentHash);
    }
    const unchangedMs = (performance.now() - again) / Math.min(500, paths.length);
    await store.close();
    // Its floor, as the scale bench's: the same sentences into a bare FTS5 table, one transaction per article.
    const floor = sqliteBackend();
    const floorMs = await floor.floor(sentences, count);
    await floor.close();
    const storeMs = phase.store / count;
    const perArticle = (ms: number) => `${(ms / count).toFixed(2)} ms`;
    console.log(
      [
        `ingest: ${count} seed-sized articles (${(bytes / count / 1024).toFixed(1)} KB each), parse + analyse + extract + store (batches as a run writes them), SQLite file in WAL mode, one core`,
        `  throughput   ${(count / seconds).toFixed(0)} articles/s, ${(bytes / 1024 / 1024 / seconds).toFixed(2)} MB/s (aim: never below the 232-264/s before issue 12)`,
        `  per article  parse ${perArticle(phase.parse)}, analyse ${perArticle(phase.analyse)}, extract ${perArticle(phase.extract)}, store ${perArticle(phase.store)}`,
        `  without analysis and extraction (parse + store only): ${(count / ((phase.parse + phase.store) / 1000)).toFixed(0)} articles/s (aim: 500 articles/s)`,
        `  store step   ${storeMs.toFixed(2)} ms per article, ${(storeMs / floorMs).toFixed(1)}× a bare FTS5 table fed the same sentences (${floorMs.toFixed(2)} ms; aim 3×)`,
        `  re-ingest of an unchanged article (read + hash check): ${unchangedMs.toFixed(2)} ms`,
      ].join("\n"),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
