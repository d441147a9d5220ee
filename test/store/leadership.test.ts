import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { forEachBackend, freshSchema, storeForEachTest } from "../support/store-backends.js";

forEachBackend((backend) => {
  const t = storeForEachTest(backend);

  if (backend.name === "sqlite") {
    it("always leads: a SQLite file serves one bot process", async () => {
      expect(await t.store.tryLead()).toBe(true);
      expect(await t.store.tryLead()).toBe(true);
    });
    return;
  }

  describe("leadership among processes", () => {
    it("is held by one process at a time, and asking again keeps it", async () => {
      const other = await t.db.openWorker();
      expect(await t.store.tryLead()).toBe(true);
      expect(await other.store.tryLead()).toBe(false);
      expect(await t.store.tryLead()).toBe(true);
      expect(await other.store.tryLead()).toBe(false);
    });

    it("passes to the next process that asks once the leader is killed", async () => {
      const leader = await t.db.openWorker();
      expect(await leader.store.tryLead()).toBe(true);
      expect(await t.store.tryLead()).toBe(false);
      await leader.kill();
      expect(await t.store.tryLead()).toBe(true);
      // The killed one, were it still running, would find the role taken.
      expect(await leader.store.tryLead()).toBe(false);
    });

    it("is held per schema: an install in another schema of the same database has a leader of its own", async () => {
      const elsewhere = await freshSchema();
      const other = await openStore(elsewhere.url);
      try {
        expect(await t.store.tryLead()).toBe(true);
        expect(await other.tryLead()).toBe(true);
        expect(await t.store.tryLead()).toBe(true);
      } finally {
        await other.close();
        await elsewhere.drop();
      }
    });
  });
});
