import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCommands } from "../../src/discord/commands.js";
import { REST, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { deployCommands, sameDefinition } from "../../src/discord/deploy.js";
import { createLogger } from "../../src/logger.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { loadStories } from "../../src/story/config.js";
import { runCli, runCliAsync } from "../cli/run-cli.js";
import { processRuns } from "../support/process-runs.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ logger: createLogger("silent") });
});
afterAll(async () => {
  await sandbox?.close();
});

const deploy = (env: Record<string, string>) => runCliAsync(["deploy-commands"], { DISCORD_TOKEN: sandbox.token, DISCORD_API_URL: sandbox.apiUrl, ...env });

describe("npm run deploy-commands", { timeout: processRuns(2) }, () => {
  it("registers every definition with one bulk PUT in the dev guild, and sends nothing when Discord already has them", async () => {
    const guildId = sandbox.guilds[0]!.id;
    const first = await deploy({ DEV_GUILD_ID: guildId });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/registered 5 commands in guild/);
    expect(sandbox.commands().putCount).toBe(1);
    expect(
      sandbox
        .commands()
        .guilds[guildId]!.map((c) => c.name)
        .sort(),
    ).toEqual(["help", "kazakhstan", "subscribe", "subscriptions", "unsubscribe"]);

    const again = await deploy({ DEV_GUILD_ID: guildId });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/5 commands unchanged in guild .*; nothing sent/);
    expect(sandbox.commands().putCount).toBe(1);
  });

  it("registers globally without DEV_GUILD_ID", async () => {
    const run = await deploy({});
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/registered 5 commands globally/);
    expect(sandbox.commands().global.map((c) => c.name)).toContain("kazakhstan");
  });

  it("refuses to run without a token, exit 2", () => {
    const run = runCli(["deploy-commands"], { DISCORD_TOKEN: "" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/DISCORD_TOKEN is not set/);
  });
});

describe("comparing definitions", () => {
  const [story] = loadCommands(loadStories("data/stories")).map((c) => c.data);

  it("takes Discord's echo with its defaults and ids filled in as the same definition", () => {
    const echoed = JSON.parse(JSON.stringify({ ...story, id: "1", application_id: "2", version: "3", type: 1, nsfw: false })) as Record<string, unknown>;
    expect(sameDefinition(story as never, echoed as never)).toBe(true);
  });

  it("sees a changed description or a new option", () => {
    expect(sameDefinition(story as never, { ...story, description: "Old text" } as never)).toBe(false);
    expect(sameDefinition(story as never, { ...story, options: story!.options!.slice(1) } as never)).toBe(false);
  });
});

describe("deploying a definition that lost a field", () => {
  const withAll: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    name: "floods",
    description: "Briefings on the floods",
    default_member_permissions: "32",
    options: [{ type: 3, name: "place", description: "A town", autocomplete: true, max_length: 40, required: true }],
  };
  const option = withAll.options![0]!;
  const without = (change: Record<string, unknown>) => [{ ...withAll, ...change }] as RESTPostAPIChatInputApplicationCommandsJSONBody[];

  it.each([
    ["autocomplete", without({ options: [{ ...option, autocomplete: undefined }] })],
    ["max_length", without({ options: [{ ...option, max_length: undefined }] })],
    ["default_member_permissions", without({ default_member_permissions: undefined })],
  ])("pushes the removal of %s to Discord, and then nothing", async (field, changed) => {
    const rest = new REST({ api: sandbox.apiUrl }).setToken(sandbox.token);
    const guildId = sandbox.guilds[0]!.id;
    const target = { rest, applicationId: sandbox.applicationId, guildId };
    await deployCommands(target, [withAll]);
    const puts = sandbox.commands().putCount;

    expect(await deployCommands(target, changed)).toMatchObject({ changed: true });
    expect(sandbox.commands().putCount).toBe(puts + 1);
    expect(JSON.stringify(sandbox.commands().guilds[guildId])).not.toContain(`"${field}":${field === "default_member_permissions" ? '"32"' : ""}`);
    expect(await deployCommands(target, changed)).toMatchObject({ changed: false });
    expect(sandbox.commands().putCount).toBe(puts + 1);
  });
});
