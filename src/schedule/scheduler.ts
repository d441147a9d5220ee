import { schedule, validate, type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.js";
import type { Metrics } from "../ops/metrics.js";
import { offThread, type OffThread } from "../pipeline/off-thread.js";
import type { ArticleWriter, DeliveryQueue, Leadership, Sources, Subscriptions } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { deliverPending, type DeliveryOptions, type DeliveryReport } from "./deliver.js";
import { refreshSources, type SourceRefreshOptions } from "../pipeline/refresh-sources.js";
import { refreshInboxes, rereadStoryFiles } from "./refresh.js";
import type { Sender } from "./sender.js";

export interface SchedulerOptions {
  /** node-cron expression; six fields (with seconds) accepted. */
  cron: string;
  /** The job ingests, keeps source state and delivers; subscriptions it only disables. */
  store: ArticleWriter & Sources & DeliveryQueue & Leadership & Pick<Subscriptions, "disableSubscriptions">;
  stories: readonly StoryConfig[];
  sender: Sender;
  logger: Logger;
  maxAgeHours: number;
  /** How long `stop` waits for in-flight sends before leaving them to the next start's resend. */
  stopTimeoutMs?: number;
  /** Run once right away (default), so deliveries a crash left behind go out without waiting for a tick. */
  runAtStart?: boolean;
  delivery?: Pick<DeliveryOptions, "concurrency" | "messagesPerSecond" | "attempts" | "backoffMs" | "pacer" | "now">;
  /** The charts the commands show, so a post with a changed headline figure carries the same one. */
  charts?: DeliveryOptions["charts"];
  /** How the stories' live pages and feeds are fetched on each run. */
  sources?: SourceRefreshOptions;
  /** Counts deliveries and source failures for /metrics, when the operator's port is on. */
  metrics?: Metrics;
  /** The worker thread to parse and extract on, when the caller has one already (it closes it); else the scheduler's own. */
  work?: OffThread;
}

export interface RunReport extends DeliveryReport {
  newUpdates: number;
  enqueued: number;
  durationMs: number;
}

/** What the job has done lately, for health checks. */
export interface SchedulerStatus {
  /** Whether this process led on its last tick: only the leader refreshes sources and delivers. */
  role: "leader" | "follower" | "starting";
  lastRun: { at: string; ok: boolean; durationMs: number } | null;
}

export interface Scheduler {
  /** One refresh-and-deliver run now, when this process leads; null when a run is already going (two never overlap) or another process leads. */
  runOnce(): Promise<RunReport | null>;
  status(): SchedulerStatus;
  /** Stops the cron job and waits for the current run to finish or safely leave its rows queued. */
  stop(): Promise<void>;
}

/**
 * The update job: on every cron tick, read the live pages, feeds and inboxes, enqueue a delivery
 * per active subscription and new update, and send them. A tick that finds the previous run still going is skipped and
 * logged.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  if (!validate(options.cron)) throw new Error(`UPDATE_CRON "${options.cron}" is not a valid cron expression`);
  const { store, logger } = options;
  const controller = new AbortController();
  // A run's parsing and extraction happen on a worker thread: a thousand new articles must not keep
  // interactions waiting. Only the store writes stay on this thread.
  const work = options.work ?? offThread();
  let running: Promise<RunReport | null> | null = null;
  // The first run that leads reads the stories' files again for what an older extraction stored.
  let storyFilesRead = false;
  const health: SchedulerStatus = { role: "starting", lastRun: null };

  /** Leads or follows for this tick; a change of role is logged once. */
  async function lead(): Promise<boolean> {
    const leading = await store.tryLead();
    const role = leading ? "leader" : "follower";
    if (role !== health.role) {
      logger.info({ role }, leading ? "leading: this process refreshes sources and delivers" : "following: another process leads");
      health.role = role;
    }
    return leading;
  }

  async function run(): Promise<RunReport | null> {
    if (!(await lead())) return null;
    const started = performance.now();
    // Before anything new is compared with the story, so that it is compared with the story as this version reads it.
    const fromFiles = storyFilesRead ? 0 : await rereadStoryFiles(store, options.stories, logger, work);
    storyFilesRead = true;
    const fromSources = await refreshSources(store, options.stories, logger, { ...options.sources, extract: work.extract });
    const newUpdates = (await refreshInboxes(store, options.stories, logger, work)) + fromSources.updates + fromFiles;
    const enqueued = await store.enqueueDeliveries();
    const delivered = await deliverPending({
      ...options.delivery,
      store,
      sender: options.sender,
      stories: options.stories,
      logger,
      maxAgeMs: options.maxAgeHours * 3_600_000,
      signal: controller.signal,
      charts: options.charts,
    });
    const report = { ...delivered, newUpdates, enqueued, durationMs: Math.round(performance.now() - started) };
    options.metrics?.delivered(delivered);
    for (const source of fromSources.sources.filter((s) => s.status === "failed")) options.metrics?.sourceFailed(source.story);
    if (newUpdates + enqueued + delivered.messages + delivered.failed + delivered.skipped > 0) logger.info(report, "update run");
    return report;
  }

  function runOnce(): Promise<RunReport | null> {
    if (controller.signal.aborted) return Promise.resolve(null);
    if (running) {
      logger.warn("previous update run still going; this tick is skipped");
      return Promise.resolve(null);
    }
    const started = performance.now();
    const record = (ok: boolean) => {
      health.lastRun = { at: new Date().toISOString(), ok, durationMs: Math.round(performance.now() - started) };
    };
    const thisRun = run()
      .then(
        (report) => {
          if (report) record(true);
          return report;
        },
        (error: unknown) => {
          record(false);
          throw error;
        },
      )
      .finally(() => {
        running = null;
      });
    running = thisRun;
    return thisRun;
  }

  const tick = () =>
    runOnce().catch((err: unknown) => {
      logger.error({ err }, "update run failed");
    });
  const task: ScheduledTask = schedule(options.cron, tick, { name: "updates", noOverlap: true });
  if (options.runAtStart ?? true) void tick();

  return {
    runOnce,
    status: () => ({ ...health }),
    async stop() {
      await task.destroy();
      controller.abort();
      const current = running;
      if (current) {
        const timeoutMs = options.stopTimeoutMs ?? 10_000;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), timeoutMs);
        });
        const outcome = await Promise.race([
          current.then(
            () => "done" as const,
            () => "done" as const,
          ),
          timedOut,
        ]);
        clearTimeout(timer);
        if (outcome === "timeout") logger.warn({ timeoutMs }, "stopped with sends in flight; they are resent with the same nonce on the next start");
      }
      if (!options.work) await work.close();
    },
  };
}
