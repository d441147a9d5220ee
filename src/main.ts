import { ConfigError, databasePath, loadConfig, type Config } from "./config.js";
import type { BotContext } from "./discord/context.js";
import { startBot, type RunningBot } from "./discord/bot.js";
import { watchGuildEvents } from "./discord/guild-events.js";
import { ingestStoryFiles } from "./ingest/story-sources.js";
import { loadDotEnv } from "./dotenv.js";
import { createLogger, type Logger } from "./logger.js";
import type { LocalSession } from "./sandbox/local-session.js";
import { startScheduler } from "./schedule/scheduler.js";
import { failingSources } from "./sources/failing.js";
import { refreshSources } from "./sources/refresh.js";
import { restSender } from "./schedule/sender.js";
import { openStore } from "./store/index.js";
import { loadStories } from "./story/config.js";

/**
 * `npm start`: with DISCORD_TOKEN, the bot on Discord (or on whatever DISCORD_API_URL names).
 * Without it, the same bot against the local sandbox with a terminal prompt, so a newcomer can try
 * every command with no Discord account.
 */
async function main(config: Config, logger: Logger): Promise<void> {
  const stories = loadStories(config.STORIES_DIR);
  const store = await openStore(databasePath(config));
  for (const story of stories) await ingestStoryFiles(store, story, story.sources.files, logger);
  // Pages and feeds never read before, so a fresh install answers from them at once; the rest wait
  // for the scheduler's first run. One try each: a dead source must not hold up the start, and the
  // scheduler retries it.
  await refreshSources(store, stories, logger, { onlyUnread: true, fetch: { retry: { attempts: 1, baseDelayMs: 0 } } });
  const context: BotContext = { config, logger, store, stories, failingSources: () => failingSources(store, stories) };

  let local: LocalSession | null = null;
  let bot: RunningBot;
  if (config.DISCORD_TOKEN) {
    bot = await startBot(context, { token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL });
  } else {
    const { startLocalSession } = await import("./sandbox/local-session.js");
    local = await startLocalSession(context);
    bot = local.bot;
  }
  const stopGuildEvents = watchGuildEvents(bot.client, store, logger);
  const scheduler = startScheduler({
    cron: config.UPDATE_CRON,
    store,
    stories,
    sender: restSender(bot.client.rest),
    logger,
    maxAgeHours: config.UPDATE_MAX_AGE_HOURS,
  });

  let stopping = false;
  const prompt = new AbortController();
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    prompt.abort();
    logger.info({ signal }, "shutting down");
    await scheduler.stop();
    stopGuildEvents();
    if (local) await local.close();
    else await bot.stop();
    await store.close();
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  if (local) {
    const { runTerminal } = await import("./sandbox/terminal.js");
    await runTerminal(
      local.sandbox,
      bot.commands.map((c) => c.data),
      { input: process.stdin, output: process.stdout, signal: prompt.signal },
    );
    await shutdown("end of input");
  }
}

let config: Config;
try {
  loadDotEnv();
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
const logger = createLogger(config.DISCORD_TOKEN ? config.LOG_LEVEL : process.env.LOG_LEVEL ? config.LOG_LEVEL : "warn");
main(config, logger).catch((err: unknown) => {
  logger.fatal({ err }, "the bot could not start");
  process.exitCode = 1;
});
