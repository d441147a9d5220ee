import { randomInt } from "node:crypto";
import pg from "pg";
import { LockClass, connectionConfig } from "./db.js";

/**
 * This process's own connection, kept open for as long as it works: it holds the worker lock
 * whose key marks this process's delivery claims as live (another process's claim query sees the
 * lock in pg_locks), so when the process dies, the server ends the session, the lock goes and the
 * claims with it, at once. Opened on first use; if it breaks, the next use opens a new one under a
 * new key, and what the old key held is free for anyone, this process included.
 */
export interface WorkerSession {
  /** The key this process's claims are made under. */
  key(): Promise<number>;
  /**
   * Holds the leader lock on this session (pg_try_advisory_lock): true while this process leads.
   * Asked on every cron tick, so when a leader dies another process leads from its next tick.
   */
  tryLead(): Promise<boolean>;
  close(): Promise<void>;
}

interface Session {
  client: pg.Client;
  key: number;
  leading: boolean;
}

export function workerSession(url: string): WorkerSession {
  let current: Promise<Session> | null = null;

  function start(): Promise<Session> {
    const client = new pg.Client(connectionConfig(url));
    const session = (async () => {
      await client.connect();
      for (;;) {
        const key = randomInt(1, 2 ** 31 - 1);
        const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [LockClass.worker, key]);
        if (rows[0]?.locked) return { client, key, leading: false };
      }
    })();
    const lost = () => {
      if (current === session) current = null;
    };
    client.on("error", lost);
    client.on("end", lost);
    session.catch(lost);
    return session;
  }

  return {
    async key() {
      current ??= start();
      return (await current).key;
    },
    async tryLead() {
      current ??= start();
      const opened = current;
      try {
        const session = await opened;
        if (session.leading) {
          // Still ours while the session answers; a session that fails is given up below.
          await session.client.query("SELECT 1");
          return true;
        }
        // One leader per schema: installs (and test runs) sharing a database in schemas of their own each have theirs.
        const { rows } = await session.client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext(current_schema())) AS locked", [
          LockClass.leader,
        ]);
        session.leading = rows[0]?.locked === true;
        return session.leading;
      } catch {
        if (current === opened) current = null;
        void opened.then((session) => session.client.end()).catch(() => undefined);
        return false;
      }
    },
    async close() {
      const session = current;
      current = null;
      if (session) await (await session).client.end();
    },
  };
}
