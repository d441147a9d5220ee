import { parentPort } from "node:worker_threads";
import type { StoryFacts } from "../analyse/index.js";
import { createAnalyser, extractArticle, type Analyser } from "../extract/index.js";
import { ArticleInputError } from "../ingest/errors.js";
import { readArticleFiles } from "./store-articles.js";
import type { WorkerRequest, WorkerResponse } from "./off-thread.js";

// A story's analyser, kept for the stories this worker has been asked about (a handful).
const analysers = new Map<string, Analyser>();
function analyserFor(story: StoryFacts): Analyser {
  const key = JSON.stringify(story);
  let analyser = analysers.get(key);
  if (!analyser) analysers.set(key, (analyser = createAnalyser(story)));
  return analyser;
}

/** The worker side of off-thread.ts: answers each request in turn. */
function answer(request: WorkerRequest): WorkerResponse {
  try {
    if ("read" in request) {
      const { articles, errors } = readArticleFiles(request.read, request.stored);
      return {
        id: request.id,
        articles,
        errors: errors.map((e) => ({ origin: e.origin, reason: e.reason, ...(e.line === undefined ? {} : { line: e.line }) })),
      };
    }
    return { id: request.id, extraction: extractArticle(request.extract, analyserFor(request.story)) };
  } catch (error) {
    if (error instanceof ArticleInputError) return { id: request.id, rejected: { origin: error.origin, reason: error.reason } };
    return { id: request.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

parentPort?.on("message", (request: WorkerRequest) => parentPort?.postMessage(answer(request)));
