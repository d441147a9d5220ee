import { parseArgs } from "node:util";
import { loadConfig, makeDatabaseFolder } from "../config.js";
import { openStore, type DeliveryRow, type DeliveryStatus } from "../store/index.js";
import { loadStories } from "../story/config.js";
import { storyOption } from "./story-option.js";
import { UsageError } from "./usage-error.js";

const STATUSES: readonly DeliveryStatus[] = ["pending", "sending", "sent", "skipped", "failed"];
const isStatus = (value: string): value is DeliveryStatus => STATUSES.some((s) => s === value);

function row(d: DeliveryRow): string {
  return [
    String(d.id).padStart(6),
    d.status.padEnd(7),
    d.story,
    `guild ${d.guildId}`,
    `channel ${d.channelId}`,
    `update ${d.updateId}`,
    d.messageId ? `message ${d.messageId}` : null,
    d.attempts ? `${d.attempts} attempt${d.attempts === 1 ? "" : "s"}` : null,
    d.decidedAt ?? `queued ${d.createdAt}`,
    d.reason ? `— ${d.reason}` : null,
  ]
    .filter((part): part is string => part !== null)
    .join("  ");
}

/**
 * `deliveries [--story s] [--status s] [--json]`: the fate of every scheduled post, newest first,
 * with a count per status, so an operator can see what went out, what waits and why anything failed.
 */
export async function runDeliveries(args: string[]): Promise<{ stdout: string; stderr?: string; exitCode: number }> {
  const { values } = parseArgs({
    args,
    options: { story: { type: "string" }, status: { type: "string" }, json: { type: "boolean", default: false } },
    allowPositionals: false,
  });
  const status = values.status;
  if (status !== undefined && !isStatus(status)) throw new UsageError(`--status must be one of ${STATUSES.join(", ")}`);
  const config = loadConfig();
  // An unknown slug is a typo to point out, not a story with no deliveries.
  if (values.story !== undefined) storyOption(loadStories(config.STORIES_DIR), values.story);
  const created = makeDatabaseFolder(config);
  const notice = created ? { stderr: created } : {};
  const store = await openStore(config.DATABASE_URL);
  try {
    const rows = await store.deliveries({ ...(values.story ? { story: values.story } : {}), ...(status ? { status } : {}) });
    if (values.json) return { stdout: JSON.stringify(rows, null, 2), ...notice, exitCode: 0 };
    const counts = STATUSES.map((s) => `${s} ${rows.filter((r) => r.status === s).length}`).join(", ");
    return { stdout: [`${rows.length} deliveries: ${counts}`, ...rows.map(row)].join("\n"), ...notice, exitCode: 0 };
  } finally {
    await store.close();
  }
}
