import { startBot, type RunningBot } from "../discord/bot.js";
import type { BotContext } from "../discord/context.js";
import { registerCommands } from "../discord/registration.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "./server.js";

export interface LocalSession {
  sandbox: Sandbox;
  bot: RunningBot;
  close(): Promise<void>;
}

/**
 * The real bot against a loopback Discord: what `npm start` runs without a token and what
 * `cli preview` answers through. Commands are registered in the sandbox guild first, as a
 * deploy would do on Discord.
 */
export async function startLocalSession(context: BotContext, sandboxOptions: Omit<SandboxOptions, "logger"> = {}): Promise<LocalSession> {
  const sandbox = await startSandbox({ ...sandboxOptions, logger: context.logger });
  try {
    const bot = await startBot(context, { token: sandbox.token, apiUrl: sandbox.apiUrl });
    await registerCommands(bot.commands, {
      token: sandbox.token,
      apiUrl: sandbox.apiUrl,
      applicationId: sandbox.applicationId,
      guildId: sandbox.guilds[0]?.id,
    });
    return {
      sandbox,
      bot,
      async close() {
        await bot.stop();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
