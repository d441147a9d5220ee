import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REST, Routes } from "discord.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadCommands } from "../../src/discord/commands.js";
import { createAnalyser, extractArticle } from "../../src/extract/index.js";
import { EXTRACTION_VERSION } from "../../src/extract/version.js";
import { createLogger } from "../../src/logger.js";
import { readArticleFiles, storyFacts } from "../../src/pipeline/store-articles.js";
import { ingestStoryFiles } from "../../src/pipeline/story-sources.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { openStore, type Store } from "../../src/store/index.js";
import { StoryConfig } from "../../src/story/config.js";
import { PROCESS_RUN_MS, processRuns } from "../support/process-runs.js";
import { replyText } from "./harness.js";

const TOLLS = ["01-steppe-wire-jan06.txt", "02-caspian-herald-jan07.txt", "03-ridge-post-jan07.txt"];
let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reextraction-e2e-"));
  sandbox = await startSandbox({ logger: createLogger("silent") });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const tolls = async (store: Store, slug: string) =>
  (await store.figureSeries(slug, 10)).flatMap((s) => [...s.earlier, s.latest].map((f) => `${f.category} ${f.count} (${f.attributedTo})`)).sort();

it("an upgraded bot reads its story files again, answers with the new reading, and posts nothing of it", { timeout: processRuns(1) + 30_000 }, async () => {
  // The story of an install whose files an older version of the extraction stored, misreading every count by one.
  const articles = join(dir, "articles");
  mkdirSync(articles);
  for (const name of TOLLS) copyFileSync(join("test/fixtures/articles/toll-story", name), join(articles, name));
  const stories = join(dir, "stories");
  mkdirSync(stories);
  const story = StoryConfig.parse({
    ...JSON.parse(readFileSync("data/stories/kazakhstan.json", "utf8")),
    sources: { files: [articles], inbox: null, pages: [], feeds: [] },
  });
  writeFileSync(join(stories, "kazakhstan.json"), JSON.stringify(story));
  const database = join(dir, "briefing.db");
  const guildId = sandbox.guilds[0]?.id ?? "";
  const channelId = sandbox.channelsOf(guildId)[0]?.id ?? "";
  const analyser = createAnalyser(storyFacts(story));
  const older = await openStore(database, { extractionVersion: EXTRACTION_VERSION - 1 });
  try {
    await older.subscribe({ guildId, channelId, story: story.slug, only: "all", createdBy: null });
    await ingestStoryFiles(older, story, [articles], createLogger("silent"), {
      readArticleFiles,
      extract: (article) => {
        const facts = extractArticle(article, analyser);
        return { ...facts, figures: facts.figures.map((f) => ({ ...f, count: f.count + 1 })) };
      },
    });
    // The older bot posted its three updates.
    expect(await older.enqueueDeliveries()).toBe(3);
    const open = (await older.claim()).flatMap((s) => s.deliveries.map((d) => d.id));
    await older.startBatch(open, "older-bot");
    await older.markSent(open, "1");
    expect(await tolls(older, story.slug)).toContain("killed 45 (state television)");
  } finally {
    await older.close();
  }

  // As `deploy-commands` would have registered them.
  const definitions = loadCommands([story]).map((c) => c.data);
  await new REST({ api: sandbox.apiUrl }).setToken(sandbox.token).put(Routes.applicationCommands(sandbox.applicationId), { body: definitions });

  const bot = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      DISCORD_TOKEN: sandbox.token,
      DISCORD_API_URL: sandbox.apiUrl,
      DATABASE_URL: `file:${database}`,
      STORIES_DIR: stories,
      LOG_LEVEL: "info",
    },
  });
  let stderr = "";
  const exit = new Promise<number | null>((resolve) => bot.once("exit", resolve));
  // The scheduler's first run reads them again, after the login: resolved by the log line, or the bot's end.
  const reread = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no re-reading logged within ${PROCESS_RUN_MS} ms: ${stderr}`)), PROCESS_RUN_MS);
    bot.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      if (!stderr.includes('"msg":"articles read again by this version of the extraction"')) return;
      clearTimeout(timer);
      resolve();
    });
    void exit.then(() => reject(new Error(`the bot exited: ${stderr}`)));
    void exit.finally(() => clearTimeout(timer));
  });
  try {
    await reread;
    const ready = stderr.indexOf('"msg":"bot ready"');
    expect(ready).toBeGreaterThan(-1);
    expect(ready).toBeLessThan(stderr.indexOf('"msg":"articles read again by this version of the extraction"'));
    expect(stderr).toContain('"articles":3');
    const reply = replyText(await sandbox.interact({ guildId, channelId, command: story.slug, options: [{ name: "casualties", type: 1 }] }));
    expect(reply).toContain("at least 70 people (according to rights group in Almaty");
    expect(reply).toContain("44 (according to state television");
    expect(reply).not.toMatch(/\b(41|45|71|1,301)\b/);
  } finally {
    bot.kill("SIGTERM");
  }
  expect(await exit).toBe(0);

  const upgraded = await openStore(database);
  try {
    const figures = await tolls(upgraded, story.slug);
    expect(figures).toContain("killed 44 (state television)");
    expect(figures.filter((f) => / (41|45|71|2001) /.test(f))).toEqual([]);
    expect((await upgraded.deliveries()).map((d) => d.status)).toEqual(["sent", "sent", "sent"]);
  } finally {
    await upgraded.close();
  }
  expect(sandbox.messages(channelId)).toEqual([]);
});
