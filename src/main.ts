import { ConfigError, databasePath, loadConfig, makeDatabaseFolder, secretValues, type Config } from "./config.js";
import { figuresCharts } from "./discord/charts.js";
import type { BotContext } from "./discord/context.js";
import { startBot, type RunningBot } from "./discord/bot.js";
import { watchGuildEvents } from "./discord/guild-events.js";
import { offThread } from "./pipeline/off-thread.js";
import { ingestStoryFiles } from "./pipeline/story-sources.js";
import { loadDotEnv } from "./dotenv.js";
import { createLogger, type Logger } from "./logger.js";
import { botHealth, startOpsServer } from "./ops/http.js";
import { handleProcessErrors } from "./ops/process-errors.js";
import type { LocalSession } from "./sandbox/local-session.js";
import { startScheduler } from "./schedule/scheduler.js";
import { failingSources } from "./briefing/failing-sources.js";
import { fetchSettings, refreshSources, type SourceRefreshOptions } from "./pipeline/refresh-sources.js";
import { restSender } from "./schedule/sender.js";
import { openStore } from "./store/index.js";
import { loadStories } from "./story/config.js";

// First of all, so a signal at any moment of the start is a requested stop, never a kill mid-write:
// the start checks the signal between its steps and undoes what it had started.
const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort(signal));

/** A signal came while the bot was starting: not an error, so no stack and exit code 0. */
class StartAborted extends Error {
  override readonly name = "StartAborted";
}

/**
 * `npm start`: with DISCORD_TOKEN, the bot on Discord (or on whatever DISCORD_API_URL names).
 * Without it, the same bot against the local sandbox with a terminal prompt, so a newcomer can try
 * every command with no Discord account.
 */
async function main(config: Config, logger: Logger, signal: AbortSignal): Promise<void> {
  // What has been started, undone in reverse order on shutdown or when the start is aborted.
  const started: Array<() => void | Promise<void>> = [];
  const undo = async () => {
    for (const step of started.reverse()) await step();
  };
  const step = <T>(value: T): T => {
    if (signal.aborted) throw new StartAborted(String(signal.reason));
    return value;
  };

  let local: LocalSession | null = null;
  let bot: RunningBot;
  try {
    const stories = loadStories(config.STORIES_DIR);
    const created = makeDatabaseFolder(config);
    // At the local prompt a plain line, not a log record, is what a newcomer reads.
    if (created && config.DISCORD_TOKEN) logger.warn({ DATABASE_URL: config.DATABASE_URL }, created);
    else if (created) process.stderr.write(`${created}\n`);
    const store = await openStore(config.DATABASE_URL);
    started.push(() => store.close());
    // The start reads and extracts on a worker thread, as the scheduled runs do (it is theirs after):
    // the parsers and the language model never load on this thread, which an idle bot keeps lean.
    const work = offThread();
    started.push(() => work.close());
    // What an older version of the extraction stored is read again by the scheduler's first run, after the login.
    for (const story of stories) await ingestStoryFiles(store, story, story.sources.files, logger, work, { reread: false });
    step(null);
    const sources: SourceRefreshOptions = {
      fetch: fetchSettings(config),
      deadlineMs: config.REFRESH_DEADLINE_SECONDS * 1000,
      maxItemsPerSource: config.REFRESH_MAX_ITEMS,
    };
    // Pages and feeds never read before, so a fresh install answers from them at once; the rest wait
    // for the scheduler's first run. One try each: a dead source must not hold up the start, and the
    // scheduler retries it. Only the leader reads sources, however many processes start together.
    if (await store.tryLead()) {
      await refreshSources(store, stories, logger, {
        ...sources,
        onlyUnread: true,
        signal,
        extract: work.extract,
        fetch: { ...sources.fetch, retry: { attempts: 1, baseDelayMs: 0 } },
      });
    }
    step(null);
    // One set of charts for replies and scheduled posts: each drawn once per store version.
    const charts = figuresCharts(store);
    // prom-client (and the OpenTelemetry API it loads) only for a bot that serves /metrics.
    const metrics = config.HTTP_PORT ? (await import("./ops/metrics.js")).createMetrics() : undefined;
    const context: BotContext = { config, logger, store, stories, charts, failingSources: () => failingSources(store, stories), metrics };
    if (config.DISCORD_TOKEN) {
      const running = await startBot(context, { token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL });
      started.push(() => running.stop());
      bot = step(running);
    } else {
      const { startLocalSession } = await import("./sandbox/local-session.js");
      const session = await startLocalSession(context);
      started.push(() => session.close());
      local = step(session);
      bot = session.bot;
    }
    started.push(watchGuildEvents(bot.client, store, logger));
    const scheduler = startScheduler({
      cron: config.UPDATE_CRON,
      store,
      stories,
      sender: restSender(bot.client),
      logger,
      maxAgeHours: config.UPDATE_MAX_AGE_HOURS,
      sources,
      charts,
      metrics,
      work,
    });
    started.push(() => scheduler.stop());
    if (config.HTTP_PORT && metrics) {
      const ops = await startOpsServer(config.HTTP_PORT, { metrics, health: botHealth({ client: bot.client, store, scheduler }) });
      started.push(() => ops.close());
      logger.info({ url: ops.url }, "serving /healthz and /metrics");
    }
    step(null);
  } catch (error) {
    if (error instanceof StartAborted) logger.info({ signal: error.message, during: "start" }, "shutting down");
    await undo();
    if (error instanceof StartAborted) return;
    throw error;
  }

  if (local) {
    const { runTerminal } = await import("./sandbox/terminal.js");
    await runTerminal(local, { input: process.stdin, output: process.stdout, signal, storePath: databasePath(config) });
  } else if (!signal.aborted) {
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  }
  logger.info({ signal: signal.aborted ? String(signal.reason) : "end of input" }, "shutting down");
  await undo();
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
const logger = createLogger(config.DISCORD_TOKEN ? config.LOG_LEVEL : process.env.LOG_LEVEL ? config.LOG_LEVEL : "warn", undefined, secretValues(config));
handleProcessErrors(logger);
main(config, logger, stop.signal).catch((err: unknown) => {
  // A missing STORIES_DIR or a broken story file: the reason, as for a bad setting, not a stack.
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  logger.fatal({ err }, "the bot could not start");
  process.exitCode = 1;
});
