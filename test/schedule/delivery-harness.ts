import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { loadConfig } from "../../src/config.js";
import { startBot, type RunningBot } from "../../src/discord/bot.js";
import { figuresCharts } from "../../src/discord/charts.js";
import type { Metrics } from "../../src/ops/metrics.js";
import { watchGuildEvents } from "../../src/discord/guild-events.js";
import { registerCommands } from "../../src/discord/registration.js";
import { ingestStoryFiles } from "../../src/pipeline/story-sources.js";
import { captureLogs } from "../support/log-capture.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/server.js";
import { MEMBER_PERMISSIONS } from "../../src/sandbox/state.js";
import { startScheduler, type Scheduler, type SchedulerOptions } from "../../src/schedule/scheduler.js";
import { restSender } from "../../src/schedule/sender.js";
import { openStore, type Store } from "../../src/store/index.js";
import { StoryConfig } from "../../src/story/config.js";

export const SEED = "data/articles/000_3d272934acddc640.txt";
export const ARTICLES = "test/schedule/articles";
export const ADMIN = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild;
export const VIEW_ONLY = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;
export const NO_EMBEDS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;

export interface DeliveryBot {
  sandbox: Sandbox;
  bot: RunningBot;
  store: Store;
  story: StoryConfig;
  scheduler: Scheduler;
  inbox: string;
  dir: string;
  logs: Array<Record<string, unknown>>;
  guildId: string;
  channel(name: string): string;
  /** Drops a test article into the story's inbox, as an operator would. */
  drop(name: string): void;
  command(command: string, options?: Array<{ name: string; type: number; value: string }>, admin?: boolean): ReturnType<Sandbox["interact"]>;
  close(): Promise<void>;
}

/**
 * The real bot (discord.js Client, router, commands, guild events, scheduler) against the sandbox,
 * with a fresh store holding the seed and an empty inbox. The cron never fires on its own here:
 * tests run the job with `scheduler.runOnce()`.
 */
export async function startDeliveryBot(
  sandboxOptions: SandboxOptions,
  delivery: SchedulerOptions["delivery"] = { attempts: 3, backoffMs: 50 },
  maxAgeHours = 24,
  metrics?: Metrics,
): Promise<DeliveryBot> {
  const dir = mkdtempSync(join(tmpdir(), "delivery-e2e-"));
  const inbox = join(dir, "inbox");
  mkdirSync(inbox);
  const { logger, logs } = captureLogs();
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, "db")}` });
  const story = StoryConfig.parse({
    slug: "kazakhstan",
    title: "Unrest in Kazakhstan, January 2022",
    description: "Briefings on the January 2022 unrest in Kazakhstan",
    sources: { files: [SEED], inbox },
  });
  const store = await openStore(join(dir, "db"));
  await ingestStoryFiles(store, story, [SEED], logger);
  const sandbox = await startSandbox({ ...sandboxOptions, logger });
  const charts = figuresCharts(store);
  const context = { config, logger, store, stories: [story], charts, metrics };
  const bot = await startBot(context, { token: sandbox.token, apiUrl: sandbox.apiUrl });
  const guildId = sandbox.guilds[0]!.id;
  await registerCommands(bot.commands, { token: sandbox.token, apiUrl: sandbox.apiUrl, applicationId: sandbox.applicationId, guildId });
  const stopEvents = watchGuildEvents(bot.client, store, logger);
  const scheduler = startScheduler({
    cron: "0 0 1 1 *",
    runAtStart: false,
    store,
    stories: [story],
    sender: restSender(bot.client),
    logger,
    maxAgeHours,
    delivery,
    charts,
    metrics,
  });
  const channel = (name: string) => {
    const found = sandbox.guilds.flatMap((g) => sandbox.channelsOf(g.id)).find((c) => c.name === name);
    if (!found) throw new Error(`no channel #${name}`);
    return found.id;
  };
  return {
    sandbox,
    bot,
    store,
    story,
    scheduler,
    inbox,
    dir,
    logs,
    guildId,
    channel,
    drop: (name) => copyFileSync(join(ARTICLES, name), join(inbox, name)),
    command: (command, options = [], admin = true) =>
      sandbox.interact({
        guildId,
        channelId: channel("general"),
        command,
        options,
        ...(admin ? { memberPermissions: ADMIN } : {}),
      }),
    async close() {
      await scheduler.stop();
      stopEvents();
      await bot.stop();
      await sandbox.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A channel option as Discord sends it (type 7, the channel id as value). */
export const channelArg = (id: string) => ({ name: "channel", type: 7, value: id });
export const stringArg = (name: string, value: string) => ({ name, type: 3, value });
