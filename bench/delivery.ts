import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { startBot } from "../src/discord/bot.js";
import { ingestStoryFiles } from "../src/pipeline/story-sources.js";
import { createLogger } from "../src/logger.js";
import { startSandbox } from "../src/sandbox/server.js";
import { deliverPending } from "../src/schedule/deliver.js";
import { restSender } from "../src/schedule/sender.js";
import { openStore } from "../src/store/index.js";
import { StoryConfig } from "../src/story/config.js";
import { benchSchema } from "./postgres.js";

const GLOBAL_LIMIT = 50;
const CHANNELS_PER_GUILD = 500;
const SEED = "data/articles/000_3d272934acddc640.txt";

/**
 * One update fanned out to BENCH_DELIVERY_CHANNELS (default 10,000) subscribed channels through the
 * real client, against the sandbox enforcing Discord's 50 requests/s global limit and 5 messages per
 * 5 s per channel. Prints messages/s as a share of the limit and the 429s received. Stops on its own
 * after BENCH_DELIVERY_MAX_SECONDS (default 300) even if the fan-out is not done, and says so.
 */
export async function benchDelivery(
  channels = Number(process.env.BENCH_DELIVERY_CHANNELS ?? 10_000),
  maxSeconds = Number(process.env.BENCH_DELIVERY_MAX_SECONDS ?? 300),
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-delivery-"));
  const schema = await benchSchema();
  try {
    await fanOut("SQLite", `file:${join(dir, "bench.db")}`, channels, maxSeconds);
    if (schema) await fanOut("PostgreSQL", schema.url, channels, maxSeconds);
    else console.log("delivery fan-out (PostgreSQL): no server answered, not measured");
  } finally {
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fanOut(backend: string, location: string, channels: number, maxSeconds: number): Promise<void> {
  const logger = createLogger("warn");
  const guildCount = Math.ceil(channels / CHANNELS_PER_GUILD);
  const sandbox = await startSandbox({
    guilds: Array.from({ length: guildCount }, (_, g) => ({
      name: `Bench ${g}`,
      channels: Array.from({ length: Math.min(CHANNELS_PER_GUILD, channels - g * CHANNELS_PER_GUILD) }, (_, i) => ({ name: `c${i}` })),
    })),
    rateLimits: { globalPerSecond: GLOBAL_LIMIT, perChannel: { count: 5, windowMs: 5000 } },
    logger: createLogger("silent"),
  });
  const store = await openStore(location);
  const story = StoryConfig.parse({ slug: "kazakhstan", title: "Unrest in Kazakhstan", description: "Bench", sources: { files: [] } });
  const bot = await startBot(
    { config: loadConfig({ DATABASE_URL: location }), logger, store, stories: [story] },
    { token: sandbox.token, apiUrl: sandbox.apiUrl },
  );
  try {
    for (const guild of sandbox.guilds) {
      for (const channel of sandbox.channelsOf(guild.id)) {
        await store.subscribe({ guildId: guild.id, channelId: channel.id, story: story.slug, only: "all", createdBy: null });
      }
    }
    await ingestStoryFiles(store, story, [SEED], logger);
    await store.enqueueDeliveries();

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), maxSeconds * 1000);
    const rateLimitedBefore = sandbox.stats.rateLimited;
    const started = performance.now();
    const report = await deliverPending({
      store,
      sender: restSender(bot.client),
      stories: [story],
      logger,
      maxAgeMs: 3_600_000,
      signal: controller.signal,
    });
    const seconds = (performance.now() - started) / 1000;
    clearTimeout(timer);
    const perSecond = report.messages / seconds;
    console.log(
      [
        `delivery fan-out (${backend}): ${report.messages}/${channels} channels in ${seconds.toFixed(1)} s${controller.signal.aborted ? ` (stopped at the ${maxSeconds} s bound)` : ""}`,
        `  ${perSecond.toFixed(1)} messages/s = ${(perSecond / GLOBAL_LIMIT).toFixed(3)} of the ${GLOBAL_LIMIT}/s global limit`,
        `  429s received: ${sandbox.stats.rateLimited - rateLimitedBefore}; failed ${report.failed}, left queued ${report.leftQueued}`,
      ].join("\n"),
    );
  } finally {
    await bot.stop();
    await sandbox.close();
    await store.close();
  }
}
