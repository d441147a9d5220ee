import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIEmbed } from "discord.js";
import { loadConfig } from "../../src/config.js";
import { ingestStoryFiles } from "../../src/pipeline/story-sources.js";
import { captureLogs } from "../support/log-capture.js";
import { startLocalSession, type LocalSession } from "../../src/sandbox/local-session.js";
import type { InteractionReply } from "../../src/sandbox/server.js";
import { runTypedCommand } from "../../src/sandbox/terminal.js";
import { openStore, type Store } from "../../src/store/index.js";
import { loadStories, type StoryConfig } from "../../src/story/config.js";

export const SEED = "data/articles/000_3d272934acddc640.txt";

export interface BriefingBot {
  session: LocalSession;
  store: Store;
  story: StoryConfig;
  logs: Array<Record<string, unknown>>;
  /** Types a command as a user would ("/kazakhstan actor name:Massimov") and returns the settled reply. */
  run(line: string): Promise<InteractionReply>;
  autocomplete(subcommand: string, option: string, typed: string): Promise<InteractionReply>;
  close(): Promise<void>;
}

/** Every text a reply shows: content, embed titles, descriptions, fields and footers. */
export function replyText(reply: { content: string; embeds: readonly APIEmbed[] }): string {
  return [
    reply.content,
    ...reply.embeds.flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? ""]),
  ].join("\n");
}

/**
 * The real bot (real discord.js Client, router and commands) against the loopback sandbox, with a
 * fresh store holding the seed (unless left out) and any extra article texts given.
 */
export async function startBriefingBot(extraArticles: Record<string, string> = {}, { withSeed = true } = {}): Promise<BriefingBot> {
  const dir = mkdtempSync(join(tmpdir(), "briefing-e2e-"));
  const { logger, logs } = captureLogs();
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, "briefing.db")}` });
  const stories = loadStories("data/stories");
  const story = stories.find((s) => s.slug === "kazakhstan")!;
  const store = await openStore(join(dir, "briefing.db"));
  const extraPaths = Object.entries(extraArticles).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
  await ingestStoryFiles(store, story, [...(withSeed ? [SEED] : []), ...extraPaths], logger);
  const session = await startLocalSession({ config, logger, store, stories });
  const definitions = session.bot.commands.map((c) => c.data);
  const guildId = session.sandbox.guilds[0]!.id;
  const channelId = session.sandbox.channelsOf(guildId)[0]!.id;
  return {
    session,
    store,
    story,
    logs,
    run: (line) => runTypedCommand(session.sandbox, definitions, line),
    autocomplete: (subcommand, option, typed) =>
      session.sandbox.interact({
        guildId,
        channelId,
        command: story.slug,
        autocomplete: true,
        options: [{ name: subcommand, type: 1, options: [{ name: option, type: 3, value: typed, focused: true }] }],
      }),
    async close() {
      await session.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` short reports from ten cities, each with an injury and an arrest figure and a dated event: enough for replies of several pages. */
export function manyArticles(count: number): Record<string, string> {
  const cities = ["Almaty", "Aktobe", "Taraz", "Shymkent", "Zhanaozen", "Atyrau", "Karaganda", "Kyzylorda", "Oral", "Kostanay"];
  const articles: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const city = cities[i % cities.length]!;
    const day = 10 + (i % 15);
    articles[`1${String(i).padStart(2, "0")}_report.txt`] =
      `Report ${i + 1} from ${city}: residents describe a night of gunfire, burning cars and checkpoints across the district as the curfew is extended again\n\nAs of: January ${day}th, 2022 ${1 + (i % 11)}:00 p.m.\n\n` +
      `At least ${10 + i} workers from the ${city} district depot number ${i + 1} were injured during the night, the regional administration said. ` +
      `Police in ${city} detained ${100 + i} residents of block ${i + 1} after the curfew, according to the regional prosecutor. ` +
      `On January ${day - 1} the ${city} administration extended the curfew in block ${i + 1} by ${i + 2} days.\n`;
  }
  return articles;
}
