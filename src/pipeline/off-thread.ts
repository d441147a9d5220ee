import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { StoryFacts } from "../analyse/index.js";
import type { Extraction } from "../extract/facts.js";
import type { Article } from "../ingest/article.js";
import { ArticleInputError } from "../ingest/errors.js";

/** What the worker is asked: read (parse) article files, or extract one parsed article. */
export type WorkerRequest = { id: number; read: readonly string[]; stored: ReadonlyMap<string, string> } | { id: number; extract: Article; story: StoryFacts };

/** Its answer: the parsed articles and each bad file's error, an extraction, a rejected article (over its budget), or what went wrong. */
export type WorkerResponse =
  | { id: number; articles: Article[]; errors: Array<{ origin: string; reason: string; line?: number }> }
  | { id: number; extraction: Extraction }
  | { id: number; rejected: { origin: string; reason: string } }
  | { id: number; failure: string };

/**
 * Parsing and extraction, the CPU-heavy half of an ingest, on a worker thread, so a cron run over
 * a thousand articles never holds up an interaction: the event loop only waits for answers and
 * writes them to the store. One worker, created on first use (and again after it ended idle); the
 * store writes stay on the main thread.
 */
export interface OffThread {
  readArticleFiles(paths: readonly string[], stored?: ReadonlyMap<string, string>): Promise<{ articles: Article[]; errors: ArticleInputError[] }>;
  /** A property, not a method: the scheduler hands it on alone, as an ingest's `Extract`. */
  extract: (article: Article, story: StoryFacts) => Promise<Extraction>;
  /** Whether a worker thread is there now: from the first request until it has been idle for `idleMs`. */
  readonly running: boolean;
  close(): Promise<void>;
}

/**
 * The worker's entry: its compiled JavaScript next to this file when there is a build, else the
 * TypeScript source, loaded through tsx (which the worker registers for itself, so it starts the
 * same under `tsx`, `node --import tsx` and vitest).
 */
function workerEntry(): URL {
  const compiled = new URL("./extract-worker.js", import.meta.url);
  return existsSync(fileURLToPath(compiled)) ? compiled : new URL("./extract-worker-tsx.mjs", import.meta.url);
}

/** How long an idle worker is kept for the next request: a run's requests follow each other closely, a cron tick's next run minutes later. */
const DEFAULT_IDLE_MS = 2000;

/**
 * The worker holds its own copy of the parsers and the language model (about 50 MB), so it ends
 * once it has had nothing to do for `idleMs`, and the next request starts another.
 */
export function offThread(idleMs = DEFAULT_IDLE_MS): OffThread {
  let worker: Worker | null = null;
  let next = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  const waiting = new Map<number, { resolve: (response: WorkerResponse) => void; reject: (error: Error) => void }>();

  const end = () => {
    const current = worker;
    worker = null;
    return current ? current.terminate() : Promise.resolve(0);
  };
  const stopIdleTimer = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
  };

  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    worker = null;
  };
  function started(): Worker {
    if (worker) return worker;
    const created = new Worker(workerEntry());
    created.on("message", (response: WorkerResponse) => {
      const pending = waiting.get(response.id);
      waiting.delete(response.id);
      pending?.resolve(response);
    });
    created.on("error", failAll);
    created.on("exit", (code) => {
      if (worker === created) failAll(new Error(`the extraction worker exited (code ${code})`));
    });
    // Idle, it must not keep the process alive.
    created.unref();
    worker = created;
    return created;
  }
  function ask(request: { read: readonly string[]; stored: ReadonlyMap<string, string> } | { extract: Article; story: StoryFacts }): Promise<WorkerResponse> {
    const id = ++next;
    const target = started();
    stopIdleTimer();
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      target.ref();
      target.postMessage({ ...request, id });
    }).finally(() => {
      if (waiting.size > 0 || !worker) return;
      worker.unref();
      idleTimer = setTimeout(() => void end(), idleMs);
      idleTimer.unref();
    }) as Promise<WorkerResponse>;
  }

  return {
    async readArticleFiles(paths, stored = new Map()) {
      // A Map crosses to the worker as it is (structured clone).
      const response = await ask({ read: paths, stored });
      if ("failure" in response) throw new Error(response.failure);
      if (!("articles" in response)) throw new Error("the extraction worker answered a read with something else");
      return { articles: response.articles, errors: response.errors.map((e) => new ArticleInputError(e.origin, e.reason, e.line)) };
    },
    async extract(article, story) {
      const response = await ask({ extract: article, story });
      if ("failure" in response) throw new Error(response.failure);
      if ("rejected" in response) throw new ArticleInputError(response.rejected.origin, response.rejected.reason);
      if (!("extraction" in response)) throw new Error("the extraction worker answered an extraction with something else");
      return response.extraction;
    },
    get running() {
      return worker !== null;
    },
    async close() {
      stopIdleTimer();
      await end();
    },
  };
}
