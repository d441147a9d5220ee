import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../logger.js";
import type { FiguresCharts } from "../discord/charts.js";
import { bringsHeadline } from "../render/chart/headline-series.js";
import { renderUpdates, type UpdatePicture } from "../render/update.js";
import type { DeliveryQueue, OpenSubscription, Subscriptions, Update } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { classifySendError } from "../discord/discord-errors.js";
import { createPacer, type Pacer } from "./pacer.js";
import type { Sender } from "./sender.js";

export interface DeliveryOptions {
  store: DeliveryQueue & Pick<Subscriptions, "disableSubscriptions">;
  sender: Sender;
  stories: readonly StoryConfig[];
  logger: Logger;
  /** Updates recorded longer ago than this are skipped as stale instead of posted late. */
  maxAgeMs: number;
  /** Channels sent to at once. */
  concurrency?: number;
  /** Message starts per second across all channels; Discord allows 50 requests/s per bot. */
  messagesPerSecond?: number;
  /** Tries per message for 5xx and network errors, and the first backoff (doubled each time). */
  attempts?: number;
  backoffMs?: number;
  /** The casualty chart a post with a changed headline figure carries (the one /casualties shows). */
  charts?: FiguresCharts;
  /** Once aborted, no new message is started; rows not yet sent stay queued for the next run. */
  signal?: AbortSignal;
  pacer?: Pacer;
  now?: () => number;
}

export interface DeliveryReport {
  messages: number;
  sent: number;
  skipped: number;
  failed: number;
  disabledSubscriptions: number;
  /** Deliveries left queued because the run was stopped. */
  leftQueued: number;
}

export const DEFAULT_CONCURRENCY = 8;
/** Discord's 50/s: the pacer counts each send until a second after its answer, so its window never overfills. */
export const DEFAULT_MESSAGES_PER_SECOND = 50;

/** The nonce of a message: the same subscription and updates always give the same one (Discord allows 25 chars). */
export function deliveryNonce(subscriptionId: number, updateIds: readonly number[]): string {
  return createHash("sha256")
    .update(`${subscriptionId}:${[...updateIds].sort((a, b) => a - b).join(",")}`)
    .digest("base64url")
    .slice(0, 24);
}

interface Batch {
  deliveryIds: number[];
  updates: Update[];
  nonce: string;
}

/**
 * Sends every queued delivery of active subscriptions: one message per channel combining its
 * pending updates, through a pacer under the global limit and with bounded concurrency. A batch
 * interrupted by a crash (rows left `sending`) is resent first with its recorded nonce, so
 * Discord returns the message it may already have created instead of posting it again.
 */
export async function deliverPending(options: DeliveryOptions): Promise<DeliveryReport> {
  const { store, logger } = options;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const pacer = options.pacer ?? createPacer(options.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND);
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const now = options.now ?? Date.now;
  const stories = new Map(options.stories.map((s) => [s.slug, s]));
  const report: DeliveryReport = { messages: 0, sent: 0, skipped: 0, failed: 0, disabledSubscriptions: 0, leftQueued: 0 };
  const stopped = () => options.signal?.aborted === true;

  async function batchesOf(open: OpenSubscription): Promise<Batch[]> {
    const { subscription } = open;
    const batches: Batch[] = [];
    const resumed = new Map<number, { ids: number[]; nonce: string }>();
    for (const d of open.deliveries.filter((d) => d.status === "sending" && d.batch !== null && d.nonce !== null)) {
      const entry = resumed.get(d.batch ?? 0) ?? { ids: [], nonce: d.nonce ?? "" };
      entry.ids.push(d.id);
      resumed.set(d.batch ?? 0, entry);
    }
    const updateOf = new Map((await store.updatesById(open.deliveries.map((d) => d.updateId))).map((u) => [u.id, u]));
    const updatesFor = (ids: number[]) => open.deliveries.filter((d) => ids.includes(d.id)).flatMap((d) => updateOf.get(d.updateId) ?? []);
    for (const { ids, nonce } of resumed.values()) batches.push({ deliveryIds: ids, updates: updatesFor(ids), nonce });

    const fresh = open.deliveries.filter((d) => d.status === "pending" || d.batch === null || d.nonce === null);
    const stale = fresh.filter((d) => {
      const created = Date.parse(updateOf.get(d.updateId)?.createdAt ?? "");
      return Number.isNaN(created) || now() - created > options.maxAgeMs;
    });
    if (stale.length) {
      await store.markSkipped(
        stale.map((d) => d.id),
        `stale: recorded more than ${Math.round(options.maxAgeMs / 3_600_000)} h before it could be posted`,
      );
      report.skipped += stale.length;
    }
    const story = stories.get(subscription.story);
    const current = fresh.filter((d) => !stale.includes(d));
    const empty = current.filter((d) => {
      const update = updateOf.get(d.updateId);
      return !update || !story || renderUpdates([update], subscription.only, story) === null;
    });
    if (empty.length) {
      const reason = story ? `nothing in it for only:${subscription.only}` : `story "${subscription.story}" is no longer configured`;
      await store.markSkipped(
        empty.map((d) => d.id),
        reason,
      );
      report.skipped += empty.length;
    }
    // As many updates per message as fit in full; the rest follow in the next message, never as a mere "and N more".
    let ids = current.filter((d) => !empty.includes(d)).map((d) => d.id);
    while (ids.length && story) {
      const shown = Math.max(1, renderUpdates(updatesFor(ids), subscription.only, story)?.shown ?? ids.length);
      const batchIds = ids.slice(0, shown);
      const updates = updatesFor(batchIds);
      batches.push({
        deliveryIds: batchIds,
        updates,
        nonce: deliveryNonce(
          subscription.id,
          updates.map((u) => u.id),
        ),
      });
      ids = ids.slice(shown);
    }
    return batches;
  }

  /** A post goes out without its chart rather than not at all when the chart cannot be drawn. */
  async function chartPicture(story: StoryConfig): Promise<UpdatePicture | undefined> {
    try {
      const chart = await options.charts?.casualties(story);
      return chart ? { file: chart.image, shows: (update) => bringsHeadline(update, chart.input) } : undefined;
    } catch (error) {
      logger.warn({ err: error, story: story.slug }, "casualty chart not drawn; posting without it");
      return undefined;
    }
  }

  async function sendBatch(open: OpenSubscription, batch: Batch, fresh: boolean): Promise<"sent" | "disabled" | "failed" | "left"> {
    const { subscription } = open;
    const story = stories.get(subscription.story);
    const message = story ? renderUpdates(batch.updates, subscription.only, story, await chartPicture(story)) : null;
    if (!message) {
      await store.markFailed(batch.deliveryIds, "could not render the message (story or updates missing)");
      report.failed += batch.deliveryIds.length;
      return "failed";
    }
    // Committed before the request leaves: from here on a crash resends with this very nonce.
    if (fresh) await store.startBatch(batch.deliveryIds, batch.nonce);
    const log = { subscription: subscription.id, channel: subscription.channelId, updates: batch.updates.map((u) => u.id), nonce: batch.nonce };
    for (let attempt = 1; ; attempt += 1) {
      const answered = await pacer.slot();
      let sent: Promise<{ id: string }>;
      try {
        if (stopped()) return "left";
        if (attempt > 1 || !fresh) await store.countAttempt(batch.deliveryIds);
        sent = options.sender.send(subscription.channelId, message, batch.nonce);
        // The pacer counts the send until its answer (or failure) is in, whatever that answer is.
        await sent.then(
          () => undefined,
          () => undefined,
        );
      } finally {
        answered();
      }
      try {
        const { id } = await sent;
        await store.markSent(batch.deliveryIds, id);
        report.messages += 1;
        report.sent += batch.deliveryIds.length;
        logger.debug({ ...log, message: id }, "update posted");
        return "sent";
      } catch (error) {
        const failure = classifySendError(error);
        if (failure.action === "disable") {
          await store.disableSubscriptions({ id: subscription.id }, failure.reason);
          report.disabledSubscriptions += 1;
          report.failed += open.deliveries.length;
          logger.warn({ ...log, reason: failure.reason }, "subscription disabled");
          return "disabled";
        }
        if (failure.action === "retry" && attempt < attempts && !stopped()) {
          logger.warn({ ...log, attempt, reason: failure.reason }, "send failed; retrying");
          await sleep(backoffMs * 2 ** (attempt - 1), undefined, { signal: options.signal }).catch(() => undefined);
          if (stopped()) return "left";
          continue;
        }
        const reason = failure.action === "retry" ? `gave up after ${attempt} attempts: ${failure.reason}` : failure.reason;
        await store.markFailed(batch.deliveryIds, reason);
        report.failed += batch.deliveryIds.length;
        logger.error({ ...log, reason }, "update not posted");
        return "failed";
      }
    }
  }

  async function serve(open: OpenSubscription): Promise<void> {
    const resumedIds = new Set(open.deliveries.filter((d) => d.status === "sending" && d.batch !== null && d.nonce !== null).map((d) => d.id));
    for (const batch of await batchesOf(open)) {
      if (stopped()) {
        report.leftQueued += batch.deliveryIds.length;
        continue;
      }
      const outcome = await sendBatch(open, batch, !batch.deliveryIds.every((id) => resumedIds.has(id)));
      if (outcome === "left") report.leftQueued += batch.deliveryIds.length;
      if (outcome === "disabled") return;
    }
  }

  const queue = await store.claim();
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const open = queue[next++];
      if (!open) break;
      if (stopped()) {
        report.leftQueued += open.deliveries.length;
        continue;
      }
      try {
        await serve(open);
      } catch (error) {
        // A store error for one channel must not stop the others; its rows stay queued for the next run.
        logger.error({ err: error, subscription: open.subscription.id }, "delivery to a channel failed unexpectedly");
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  } finally {
    // What this run leaves queued (stopped, or a channel's store error) is any worker's to send next.
    await store.releaseClaims();
  }
  return report;
}
