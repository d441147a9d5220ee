import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Events, MessageFlags, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { parseCommandLine } from "../src/discord/command-line.js";
import { casualtiesView } from "../src/briefing/casualties.js";
import { loadConfig } from "../src/config.js";
import { createClient } from "../src/discord/client.js";
import { loadCommands } from "../src/discord/commands.js";
import { registerCommands } from "../src/discord/registration.js";
import { extractArticle } from "../src/extract/index.js";
import { parseArticleText } from "../src/ingest/text.js";
import { drawFiguresChart } from "../src/render/chart/figures-chart.js";
import { chartFonts } from "../src/render/chart/font.js";
import { casualtiesChartInput } from "../src/render/chart/headline-series.js";
import { createLogger } from "../src/logger.js";
import { startLocalSession } from "../src/sandbox/local-session.js";
import { startSandbox, type Sandbox } from "../src/sandbox/server.js";
import { openStore } from "../src/store/index.js";
import { loadStories } from "../src/story/config.js";
import { corpusArticle } from "./corpus.js";

const COMMANDS = [
  "/kazakhstan summary",
  "/kazakhstan casualties",
  "/kazakhstan reactions",
  "/kazakhstan videos",
  "/kazakhstan timeline",
  "/kazakhstan actor name:Massimov",
  "/help",
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Dispatch → settled callback, per command: `interact` resolves when the reply callback arrives. */
async function timeOne(sandbox: Sandbox, definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[], line: string) {
  const guildId = sandbox.guilds[0]!.id;
  const input = { guildId, channelId: sandbox.channelsOf(guildId)[0]!.id, ...parseCommandLine(line, definitions) };
  const started = performance.now();
  await sandbox.interact(input);
  return performance.now() - started;
}

/** All samples sorted, and each command's own, so a slow command shows up by name. */
async function measure(sandbox: Sandbox, definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[], rounds: number) {
  const byCommand = new Map<string, number[]>(COMMANDS.map((c) => [c, []]));
  for (let round = 0; round < rounds; round++) for (const line of COMMANDS) byCommand.get(line)!.push(await timeOne(sandbox, definitions, line));
  for (const samples of byCommand.values()) samples.sort((a, b) => a - b);
  return { all: [...byCommand.values()].flat().sort((a, b) => a - b), byCommand };
}

/** Interaction latency against a large store, next to the same client answering with a constant embed. */
export async function benchInteraction(): Promise<void> {
  const articles = Number(process.env.BENCH_STORE_ARTICLES ?? 10_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 100);
  const dir = mkdtempSync(join(tmpdir(), "bench-interaction-"));
  const logger = createLogger("silent");
  const stories = loadStories("data/stories");
  const store = await openStore(join(dir, "bench.db"));
  try {
    const started = performance.now();
    for (let i = 0; i < articles; i++) {
      const article = parseArticleText(corpusArticle(i), `bench/${i}.txt`);
      await store.ingest("kazakhstan", article, extractArticle(article));
    }
    const buildSeconds = (performance.now() - started) / 1000;

    // The floor: the same client and sandbox, answering every command with one constant embed.
    const floorSandbox = await startSandbox({ logger });
    const floorClient = createClient(floorSandbox.apiUrl);
    const commands = loadCommands(stories);
    floorClient.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand())
        void interaction.reply({ embeds: [{ title: "Constant", description: "The same answer every time." }], flags: MessageFlags.Ephemeral });
    });
    const ready = new Promise((resolve) => floorClient.once(Events.ClientReady, resolve));
    await floorClient.login(floorSandbox.token);
    await ready;
    await registerCommands(commands, { token: floorSandbox.token, apiUrl: floorSandbox.apiUrl, applicationId: floorSandbox.applicationId, guildId: floorSandbox.guilds[0]!.id });
    const definitions = commands.map((c) => c.data);
    await measure(floorSandbox, definitions, 5);
    const { all: floor } = await measure(floorSandbox, definitions, rounds);
    await floorClient.destroy();
    await floorSandbox.close();

    // The casualty chart alone: its first draw in the process (modules cold), then per store version.
    const story = stories.find((s) => s.slug === "kazakhstan")!;
    const chartInput = casualtiesChartInput(await casualtiesView(store, story), story);
    const draws: number[] = [];
    for (let i = 0; i < 6; i++) {
      const drawStarted = performance.now();
      await drawFiguresChart(chartInput, chartFonts());
      draws.push(performance.now() - drawStarted);
    }
    const laterDraws = draws.slice(1).sort((a, b) => a - b);

    const session = await startLocalSession({ config: loadConfig({}), logger, store, stories });
    const cold: number[] = [];
    for (const line of COMMANDS) cold.push(await timeOne(session.sandbox, definitions, line));
    const { all: bot, byCommand } = await measure(session.sandbox, definitions, rounds);
    const casualties = byCommand.get("/kazakhstan casualties")!;
    await session.close();

    const line = (name: string, t: number[]) => `  ${name.padEnd(26)} p50 ${percentile(t, 50).toFixed(2)} ms   p99 ${percentile(t, 99).toFixed(2)} ms`;
    console.log(
      [
        `interaction: INTERACTION_CREATE sent by the sandbox → callback received, ${rounds} rounds of ${COMMANDS.length} commands, store of ${articles} articles (built in ${buildSeconds.toFixed(0)} s)`,
        line("constant embed (floor)", floor),
        line("news-briefing-bot", bot),
        `  ratio p50 ${(percentile(bot, 50) / percentile(floor, 50)).toFixed(2)}×   p99 ${(percentile(bot, 99) / percentile(floor, 99)).toFixed(2)}× (aim: p99 within 1.5×)`,
        `  bot p99 per command: ${[...byCommand].map(([c, t]) => `${c.replace("/kazakhstan ", "")} ${percentile(t, 99).toFixed(1)}`).join(", ")} ms`,
        `  /casualties with its chart (cached): p50 ${percentile(casualties, 50).toFixed(2)} ms, p99 ${percentile(casualties, 99).toFixed(2)} ms = ${(percentile(casualties, 99) / percentile(floor, 99)).toFixed(2)}× the floor's p99 (aim: within 1.5×)`,
        `  casualty chart draw: first in the process ${draws[0]!.toFixed(0)} ms, then ${percentile(laterDraws, 50).toFixed(0)} ms per store version (max ${laterDraws.at(-1)!.toFixed(0)} ms; aim: ≤ 300 ms), cached between`,
        `  first answer after an ingest (cache cold), per command: ${COMMANDS.map((c, i) => `${c.replace("/kazakhstan ", "")} ${cold[i]!.toFixed(0)} ms`).join(", ")}`,
      ].join("\n"),
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
