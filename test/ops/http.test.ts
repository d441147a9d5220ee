import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botHealth, startOpsServer } from "../../src/ops/http.js";
import { createMetrics } from "../../src/ops/metrics.js";
import { channelArg, startDeliveryBot, type DeliveryBot } from "../schedule/delivery-harness.js";

describe("the operator's port", () => {
  let t: DeliveryBot;
  let ops: Awaited<ReturnType<typeof startOpsServer>>;

  beforeAll(async () => {
    const metrics = createMetrics();
    t = await startDeliveryBot({ guilds: [{ name: "Ops", channels: [{ name: "general" }, { name: "news" }] }] }, undefined, 24, metrics);
    ops = await startOpsServer(0, { metrics, health: botHealth({ client: t.bot.client, store: t.store, scheduler: t.scheduler }) });
  });
  afterAll(async () => {
    await ops?.close();
    await t?.close();
  });

  const get = async (path: string) => {
    const response = await fetch(`${ops.url}${path}`);
    return { status: response.status, type: response.headers.get("content-type") ?? "", body: await response.text() };
  };

  it("reports each shard ready, the store reachable and the job's role and last run", async () => {
    const before = JSON.parse((await get("/healthz")).body) as Record<string, unknown>;
    expect(before).toMatchObject({ healthy: true, store: true, role: "starting", lastRun: null, shards: [{ id: 0, ready: true }] });

    t.drop("toll-rises.txt");
    await t.scheduler.runOnce();
    const after = await get("/healthz");
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body)).toMatchObject({ healthy: true, role: "leader", lastRun: { ok: true } });
  });

  it("counts interactions by command and outcome, their latency, and deliveries by status, in Prometheus' format", async () => {
    await t.command("subscribe", [channelArg(t.channel("news"))]);
    t.drop("curfew-eased.txt");
    await t.scheduler.runOnce();
    const metrics = await get("/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(/^briefing_interactions_total\{command="\/subscribe",outcome="ok"\} 1$/m);
    expect(metrics.body).toMatch(/^briefing_interaction_duration_seconds_count\{command="\/subscribe"\} 1$/m);
    expect(metrics.body).toMatch(/^briefing_deliveries_total\{status="sent"\} 1$/m);
    expect(metrics.body).toMatch(/^# TYPE briefing_discord_429_total counter$/m);
  });

  it("answers 503 when the store no longer answers, and 404 for anything else", async () => {
    await t.store.close();
    const health = await get("/healthz");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ healthy: false, store: false });
    expect((await get("/")).status).toBe(404);
  });
});
