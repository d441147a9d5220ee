import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";
import { liveV1, liveV1Facts, liveV2, liveV2Facts, wire, wireFacts } from "./fixtures.js";

const story = "kazakhstan";
const channel = (n: number) => ({
  guildId: "100000000000000001",
  channelId: `2000000000000000${String(n).padStart(2, "0")}`,
  story,
  only: "all" as const,
  createdBy: null,
});

forEachBackend((backend) => {
  const t = storeForEachTest(backend);

  const openIds = (claimed: Awaited<ReturnType<Store["claim"]>>) => claimed.flatMap((o) => o.deliveries.map((d) => d.id)).sort((a, b) => a - b);

  describe("subscriptions", () => {
    it("count what was recorded before subscribing as covered, and queue each later update once per channel", async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      const first = await t.store.subscribe(channel(1));
      expect(first.previous).toBeNull();
      expect(first.subscription).toMatchObject({ status: "active", only: "all", open: 0, lastPostAt: null });
      expect((await t.store.subscribe({ ...channel(1), only: "videos" })).previous).toBe("active");
      await t.store.subscribe(channel(2));

      expect(await t.store.enqueueDeliveries()).toBe(0);
      await t.store.ingest(story, liveV2, liveV2Facts);
      await t.store.ingest(story, wire, wireFacts);
      expect(await t.store.enqueueDeliveries()).toBe(4);
      expect(await t.store.enqueueDeliveries()).toBe(0);

      const claimed = await t.store.claim();
      expect(claimed.map((o) => [o.subscription.channelId, o.subscription.only, o.deliveries.length])).toEqual([
        [channel(1).channelId, "videos", 2],
        [channel(2).channelId, "all", 2],
      ]);
      expect(claimed[0]!.deliveries.map((d) => d.status)).toEqual(["pending", "pending"]);
      expect((await t.store.subscriptions(channel(1).guildId)).map((s) => s.open)).toEqual([2, 2]);
    });

    it("skip what was still to send when a channel unsubscribes, fail it with the reason when one is disabled", async () => {
      await t.store.subscribe(channel(1));
      await t.store.subscribe(channel(2));
      await t.store.ingest(story, liveV1, liveV1Facts);
      await t.store.enqueueDeliveries();

      const removed = await t.store.unsubscribe(channel(1).channelId);
      expect(removed.map((s) => [s.channelId, s.status])).toEqual([[channel(1).channelId, "unsubscribed"]]);
      expect(await t.store.disableSubscriptions({ channelId: channel(2).channelId }, "Missing Access (50001)")).toBe(1);
      expect(await t.store.disableSubscriptions({ channelId: channel(2).channelId }, "again")).toBe(0);

      const fates = (await t.store.deliveries()).map((d) => [d.channelId, d.status, d.reason]);
      expect(fates.sort()).toEqual([
        [channel(1).channelId, "skipped", "unsubscribed before it was posted"],
        [channel(2).channelId, "failed", "subscription disabled: Missing Access (50001)"],
      ]);
      expect(await t.store.claim()).toEqual([]);
      const listed = await t.store.subscriptions();
      expect(listed.map((s) => [s.status, s.reason])).toEqual([
        ["disabled", "Missing Access (50001)"],
        ["unsubscribed", null],
      ]);
      expect((await t.store.subscribe(channel(2))).previous).toBe("disabled");
    });
  });

  describe("the delivery queue", () => {
    beforeEach(async () => {
      await t.store.subscribe(channel(1));
      await t.store.ingest(story, liveV1, liveV1Facts);
      await t.store.ingest(story, liveV2, liveV2Facts);
      await t.store.enqueueDeliveries();
    });

    it("records a batch with its nonce before the send, then the message it became", async () => {
      const [open] = await t.store.claim();
      const ids = open!.deliveries.map((d) => d.id);
      await t.store.startBatch(ids, "nonce-1");
      const [resumed] = await t.store.claim();
      expect(resumed!.deliveries.map((d) => [d.status, d.batch, d.nonce, d.attempts])).toEqual([
        ["sending", Math.min(...ids), "nonce-1", 1],
        ["sending", Math.min(...ids), "nonce-1", 1],
      ]);
      await t.store.countAttempt(ids);
      await t.store.markSent(ids, "300000000000000001");
      expect(await t.store.claim()).toEqual([]);
      const sent = await t.store.deliveries({ status: "sent" });
      expect(sent.map((d) => [d.messageId, d.attempts, d.nonce])).toEqual([
        ["300000000000000001", 2, "nonce-1"],
        ["300000000000000001", 2, "nonce-1"],
      ]);
      expect((await t.store.subscriptions())[0]).toMatchObject({ lastMessageId: "300000000000000001", open: 0 });
      expect(await t.store.deliveries({ story: "another-story" })).toEqual([]);
    });

    it("reads the claimed deliveries' updates back by id", async () => {
      const [open] = await t.store.claim();
      const updates = await t.store.updatesById(open!.deliveries.map((d) => d.updateId));
      expect(updates.map((u) => [u.articleId, u.status])).toEqual([
        [liveV1.id, "added"],
        [liveV2.id, "updated"],
      ]);
    });

    it("never lets a decided delivery be decided again", async () => {
      const [open] = await t.store.claim();
      const [first, second] = open!.deliveries.map((d) => d.id);
      await t.store.markSkipped([first!], "stale");
      await t.store.markFailed([first!, second!], "gave up after 3 attempts: 500");
      const fates = await t.store.deliveries();
      expect(fates.map((d) => [d.id, d.status, d.reason])).toEqual([
        [second, "failed", "gave up after 3 attempts: 500"],
        [first, "skipped", "stale"],
      ]);
    });
  });

  describe("claims between bot processes", () => {
    beforeEach(async () => {
      for (const n of [1, 2, 3]) await t.store.subscribe(channel(n));
      await t.store.ingest(story, liveV1, liveV1Facts);
      await t.store.enqueueDeliveries();
    });

    it("leave a live worker's deliveries alone, even ones it is resending", async () => {
      const other = await t.db.openWorker();
      const mine = await t.store.claim();
      expect(mine).toHaveLength(3);
      await t.store.startBatch(
        mine[0]!.deliveries.map((d) => d.id),
        "nonce-a",
      );
      expect(await other.store.claim()).toEqual([]);
      // What it gives back is any worker's.
      await t.store.releaseClaims();
      expect(openIds(await other.store.claim())).toEqual(openIds(mine));
      expect(await t.store.claim()).toEqual([]);
    });

    it("take over a killed worker's deliveries, a batch it was sending with its nonce", async () => {
      const doomed = await t.db.openWorker();
      const held = await doomed.store.claim();
      await doomed.store.startBatch(
        held[0]!.deliveries.map((d) => d.id),
        "nonce-doomed",
      );
      expect(await t.store.claim()).toEqual([]);
      await doomed.kill();
      const taken = await t.store.claim();
      expect(openIds(taken)).toEqual(openIds(held));
      expect(taken[0]!.deliveries[0]).toMatchObject({ status: "sending", nonce: "nonce-doomed" });
    });

    it("split between two workers claiming at once, never one delivery to both", async () => {
      const other = await t.db.openWorker();
      const [a, b] = await Promise.all([t.store.claim(), other.store.claim()]);
      const both = [...openIds(a), ...openIds(b)].sort((x, y) => x - y);
      expect(both).toEqual([...new Set(both)]);
      expect(both).toHaveLength(3);
    });
  });
});
