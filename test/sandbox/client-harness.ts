import { Client, Events, GatewayIntentBits, type TextChannel } from "discord.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/server.js";

/** A real discord.js client logged in to a fresh sandbox, ready with its guild cache filled. */
export interface Connected {
  sandbox: Sandbox;
  client: Client<true>;
  close(): Promise<void>;
}

export async function connectClient(options: SandboxOptions = {}): Promise<Connected> {
  const sandbox = await startSandbox(options);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: sandbox.apiUrl },
    allowedMentions: { parse: [] },
  });
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(sandbox.token);
  const readyClient = await ready;
  return {
    sandbox,
    client: readyClient,
    async close() {
      await client.destroy();
      await sandbox.close();
    },
  };
}

/** A text channel of the client's cache by name, as a test names it. */
export function channelNamed(connected: Connected, name: string): TextChannel {
  const found = connected.client.channels.cache.find((c) => "name" in c && c.name === name);
  if (!found) throw new Error(`no channel #${name}`);
  return found as TextChannel;
}
