import { REST, Routes, type APIApplication } from "discord.js";
import type { Command } from "./command.js";
import { deployCommands } from "./deploy.js";

/**
 * Registers `commands` for the application behind `token` at `apiUrl` (guild-scoped when `guildId`
 * is given). The application id is asked of Discord when not configured.
 */
export async function registerCommands(
  commands: readonly Command[],
  login: { token: string; apiUrl: string; applicationId?: string | undefined; guildId?: string | undefined },
) {
  const rest = new REST({ api: login.apiUrl }).setToken(login.token);
  const applicationId = login.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  return deployCommands(
    { rest, applicationId, guildId: login.guildId },
    commands.map((c) => c.data),
  );
}
