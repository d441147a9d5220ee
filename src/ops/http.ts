import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Status, type Client } from "discord.js";
import type { Metrics } from "./metrics.js";

/** What /healthz reports. Healthy: every shard this process holds is ready and the store answers. */
export interface Health {
  shards: Array<{ id: number; ready: boolean; pingMs: number | null }>;
  store: boolean;
  role: "leader" | "follower" | "starting";
  lastRun: { at: string; ok: boolean; durationMs: number } | null;
}

/**
 * The operator's port: GET /healthz (JSON, 200 when healthy, 503 when not, for a load balancer or
 * an orchestrator's probe) and GET /metrics (Prometheus text). Nothing else is served.
 */
export async function startOpsServer(
  port: number,
  options: { health: () => Promise<Health>; metrics: Metrics },
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const answer = async () => {
      if (request.method !== "GET") return { status: 405, type: "text/plain", body: "method not allowed\n" };
      if (path === "/healthz") {
        const health = await options.health();
        const healthy = health.store && health.shards.length > 0 && health.shards.every((s) => s.ready);
        return { status: healthy ? 200 : 503, type: "application/json", body: `${JSON.stringify({ healthy, ...health })}\n` };
      }
      if (path === "/metrics") return { status: 200, type: options.metrics.registry.contentType, body: await options.metrics.registry.metrics() };
      return { status: 404, type: "text/plain", body: "not found\n" };
    };
    answer().then(
      ({ status, type, body }) => response.writeHead(status, { "content-type": type }).end(body),
      (error: unknown) => response.writeHead(500, { "content-type": "text/plain" }).end(`${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Health of a running bot: its client's shards, its store, its scheduler. */
export function botHealth(parts: {
  client: Client;
  store: { ping(): Promise<boolean> };
  scheduler: { status(): Pick<Health, "role" | "lastRun"> };
}): () => Promise<Health> {
  return async () => ({
    shards: [...parts.client.ws.shards.values()].map((shard) => ({
      id: shard.id,
      ready: shard.status === Status.Ready,
      pingMs: shard.ping >= 0 ? shard.ping : null,
    })),
    store: await parts.store.ping().catch(() => false),
    ...parts.scheduler.status(),
  });
}
