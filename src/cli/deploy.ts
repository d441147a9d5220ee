import { loadConfig } from "../config.js";
import { loadCommands } from "../discord/commands.js";
import { registerCommands } from "../discord/registration.js";
import { loadStories } from "../story/config.js";
import { UsageError } from "./usage-error.js";

/** `deploy-commands`: one bulk PUT of every definition, skipped when Discord already has them. */
export async function runDeploy(args: string[]) {
  if (args.length) throw new UsageError("usage: npm run deploy-commands (settings come from the environment)");
  const config = loadConfig();
  if (!config.DISCORD_TOKEN) throw new UsageError("DISCORD_TOKEN is not set: there is no application to register commands for");
  const commands = loadCommands(loadStories(config.STORIES_DIR));
  const result = await registerCommands(commands, {
    token: config.DISCORD_TOKEN,
    apiUrl: config.DISCORD_API_URL,
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: config.DEV_GUILD_ID,
  });
  const where = result.scope === "guild" ? `in guild ${config.DEV_GUILD_ID}` : "globally (may take a while to appear)";
  return {
    stdout: result.changed ? `registered ${result.count} commands ${where}` : `${result.count} commands unchanged ${where}; nothing sent`,
    exitCode: 0,
  };
}
