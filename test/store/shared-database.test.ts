import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { STORE_BACKENDS, freshSchema } from "../support/store-backends.js";
import { liveV1, liveV1Facts } from "./fixtures.js";

const story = "kazakhstan";
const subscription = { guildId: "100000000000000000", channelId: "100000000000000001", story, only: "all", createdBy: null } as const;

/**
 * Two installs (or test runs) in schemas of one database: what one store does under its own locks
 * must not wait on the other's. The first store is held mid-operation, its locks taken, by a table
 * lock in its own schema, so the test depends on no lock key.
 */
describe.skipIf(!STORE_BACKENDS.find((b) => b.name === "postgres")?.available)("stores in schemas of one PostgreSQL database", () => {
  let schemas: Awaited<ReturnType<typeof freshSchema>>[] = [];
  let held: Store;
  let other: Store;
  let holder: pg.Client;

  beforeEach(async () => {
    const [heldSchema, otherSchema] = [await freshSchema(), await freshSchema()];
    schemas = [heldSchema, otherSchema];
    held = await openStore(heldSchema.url);
    other = await openStore(otherSchema.url);
    holder = new pg.Client({ connectionString: heldSchema.url });
    await holder.connect();
  });

  afterEach(async () => {
    await holder.query("ROLLBACK").catch(() => undefined);
    await holder.end();
    for (const store of [held, other]) await store.close();
    for (const schema of schemas) await schema.drop();
  });

  /** Starts `work` on the held store with `table` locked, and resolves once it waits there (it has taken its own locks). */
  async function stalled<T>(table: string, work: () => Promise<T>): Promise<{ running: Promise<T> }> {
    await holder.query("BEGIN");
    await holder.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    const running = work();
    const blockedByHolder = "SELECT 1 FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))";
    while (!(await holder.query(blockedByHolder)).rowCount) await new Promise((resolve) => setTimeout(resolve, 20));
    return { running };
  }

  it("ingest a story of the same name without waiting on each other", async () => {
    const { running: heldIngest } = await stalled("articles", () => held.ingest(story, liveV1, liveV1Facts));
    expect((await other.ingest(story, liveV1, liveV1Facts)).status).toBe("added");
    await holder.query("ROLLBACK");
    expect((await heldIngest).status).toBe("added");
  });

  it("subscribe a channel of the same id without waiting on each other", async () => {
    const { running: heldSubscribe } = await stalled("subscriptions", () => held.subscribe(subscription));
    expect((await other.subscribe(subscription)).previous).toBeNull();
    await holder.query("ROLLBACK");
    expect((await heldSubscribe).previous).toBeNull();
  });
});
