import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { conditional, startLocalServer, type LocalServer } from "../sources/local-server.js";
import { liveEntry, livePage } from "../sources/pages.js";
import { SEED, startBriefingBot } from "./harness.js";

let server: LocalServer;
let dir: string;
beforeAll(async () => {
  server = await startLocalServer();
  dir = mkdtempSync(join(tmpdir(), "briefing-e2e-sources-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm start` as a newcomer runs it: no token, so the real bot against the sandbox with a terminal prompt. */
function startBot(storiesDir: string): { child: ChildProcessWithoutNullStreams; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      DISCORD_TOKEN: "",
      STORIES_DIR: storiesDir,
      DATABASE_URL: `file:${join(dir, "briefing.db")}`,
      UPDATE_CRON: "* * * * * *",
      LOG_LEVEL: "silent",
      // The sources are on loopback.
      FETCH_ALLOW_PRIVATE: "1",
    },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return { child, output: () => output };
}

/** Read from the bot's own database file, as another process would. */
function markedFailing(url: string): boolean {
  const db = new Database(join(dir, "briefing.db"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], { failing: number }>("SELECT failing FROM sources WHERE url = ?").get(url)?.failing === 1;
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a source that keeps failing", () => {
  it("is read on start and by the scheduled job, marked failing after three failed reads, and shown by /help while the good page is served", async () => {
    server.routes.set("/gone", (_req, res) => res.writeHead(410, { "content-type": "text/plain" }).end("this live blog has moved"));
    server.routes.set(
      "/live",
      conditional("text/html", () =>
        livePage([
          liveEntry("2022-01-07T10:05:00+06:00", "<p>The interior ministry said 2,000 people had been detained across the country since Wednesday.</p>"),
          liveEntry(
            "2022-01-07T08:30:00+06:00",
            "<p>Officials in Nur-Sultan said on Friday that 26 people had been killed in clashes with police in Almaty.</p>",
          ),
        ]),
      ),
    );
    const storiesDir = join(dir, "stories");
    mkdirSync(storiesDir);
    const gone = `${server.base}/gone`;
    writeFileSync(
      join(storiesDir, "kazakhstan.json"),
      JSON.stringify({
        slug: "kazakhstan",
        title: "Unrest in Kazakhstan, January 2022",
        description: "Briefings on the January 2022 unrest in Kazakhstan",
        sources: { files: [SEED], pages: [`${server.base}/live`, gone] },
      }),
    );

    const bot = startBot(storiesDir);
    try {
      await until(() => bot.output().includes("> "), 30_000, "the prompt");
      // Start-up read plus the scheduler's first run are two failures; a cron tick a second later is the third.
      await until(() => server.hits("/gone") >= 3 && markedFailing(gone), 15_000, "three failed reads of the dead page");
      const before = bot.output().length;
      bot.child.stdin.write("/help\n");
      await until(() => bot.output().slice(before).includes("source failing"), 15_000, "/help's answer");
      const help = bot.output().slice(before);
      expect(help).toMatch(new RegExp(`source failing: ${gone.replace(/[.]/g, "\\.")}: [3-9] failed reads in a row, last: HTTP 410`));
      expect(help).not.toContain(`source failing: ${server.base}/live`);
      bot.child.stdin.write("exit\n");
      await new Promise((resolve) => bot.child.once("close", resolve));
    } finally {
      bot.child.kill();
    }

    const store = await openStore(join(dir, "briefing.db"));
    try {
      expect((await store.articles("kazakhstan")).map((a) => a.title)).toContain("Kazakhstan crisis: live updates");
      expect(await store.source("kazakhstan", gone)).toMatchObject({ failing: true, lastSuccessAt: null });
      expect(server.requests.some((r) => r.path === "/live" && r.ifNoneMatch !== null)).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe("URLs typed by Discord users", () => {
  it("are never fetched: every option that takes text leaves the local server untouched", async () => {
    server.requests.length = 0;
    const url = `${server.base}/planted`;
    const bot = await startBriefingBot();
    try {
      for (const line of [`/kazakhstan ask question:What does ${url} say?`, `/kazakhstan actor name:${url}`, `/kazakhstan reactions actor:${url}`]) {
        await bot.run(line);
      }
      await bot.autocomplete("actor", "name", url);
    } finally {
      await bot.close();
    }
    expect(server.requests).toEqual([]);
  });
});
