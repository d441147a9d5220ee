import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * What an operator graphs, in Prometheus' format: interactions by command and outcome with their
 * latency, scheduled posts by fate, Discord's 429s, failed source reads. One registry per process;
 * each process of a sharded bot is scraped on its own.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const interactions = new Counter({
    name: "briefing_interactions_total",
    help: "Interactions handled, by command and outcome (ok, error, unknown-command)",
    labelNames: ["command", "outcome"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "briefing_interaction_duration_seconds",
    help: "Time from receiving an interaction to its handler's end",
    labelNames: ["command"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "briefing_deliveries_total",
    help: "Scheduled deliveries decided by this process, by status (sent, skipped, failed)",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({ name: "briefing_discord_429_total", help: "HTTP 429 responses received from Discord", registers: [registry] });
  const sourceFailures = new Counter({
    name: "briefing_source_failures_total",
    help: "Failed reads of a story's live pages and feeds",
    labelNames: ["story"] as const,
    registers: [registry],
  });
  return {
    registry,
    interaction(command: string, outcome: string, durationMs: number): void {
      interactions.inc({ command, outcome });
      latency.observe({ command }, durationMs / 1000);
    },
    delivered(counts: { sent: number; skipped: number; failed: number }): void {
      for (const status of ["sent", "skipped", "failed"] as const) if (counts[status]) deliveries.inc({ status }, counts[status]);
    },
    rateLimited: () => rateLimited.inc(),
    sourceFailed: (story: string) => sourceFailures.inc({ story }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
