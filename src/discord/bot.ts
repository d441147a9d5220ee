import { once } from "node:events";
import { Events, RESTEvents, type Client } from "discord.js";
import { shardIds } from "../config.js";
import { createClient } from "./client.js";
import type { Command } from "./command.js";
import { loadCommands } from "./commands.js";
import type { BotContext } from "./context.js";
import { createRouter } from "./router.js";

export interface RunningBot {
  client: Client<true>;
  commands: Command[];
  context: BotContext;
  stop(): Promise<void>;
}

/**
 * Logs the real discord.js client in (to Discord, or to whatever `apiUrl` points at) and serves
 * interactions. Answers do not depend on `deploy-commands` having run: the router serves whatever
 * Discord delivers.
 */
export async function startBot(context: BotContext, login: { token: string; apiUrl: string }): Promise<RunningBot> {
  const { logger } = context;
  const sharding = { shards: shardIds(context.config), shardCount: context.config.SHARD_COUNT };
  const client = createClient(login.apiUrl, sharding);
  const commands = loadCommands(context.stories);
  const route = createRouter(commands, context);
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (err) => logger.error({ err }, "discord client error"));
  client.on(Events.Warn, (message) => logger.warn({ message }, "discord client warning"));
  // A connection error (a reset, a refused reconnect: "Unexpected server response: 520") is one
  // discord.js recovers from by itself, reconnecting and resuming or identifying again: logged, never fatal.
  client.on(Events.ShardError, (err, shard) => logger.warn({ err, shard }, "gateway connection error; reconnecting"));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, "gateway reconnecting"));
  // Only the close codes discord.js gives up on (bad token, intents, shard): the shard stays down.
  client.on(Events.ShardDisconnect, (event, shard) => logger.error({ shard, code: event.code }, "gateway disconnected for good"));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, "gateway resumed"));
  client.on(Events.ShardReady, (shard) => logger.info({ shard }, "gateway session ready"));
  client.rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status === 429) context.metrics?.rateLimited();
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn({ route: info.route, global: info.global, retryAfter: info.retryAfter, limit: info.limit }, "rate limited"),
  );

  const ready = once(client, Events.ClientReady);
  await client.login(login.token);
  await ready;
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size, ...sharding }, "bot ready");
  const readyClient = client as Client<true>;
  return {
    client: readyClient,
    commands,
    context,
    async stop() {
      client.removeAllListeners(Events.InteractionCreate);
      await client.destroy();
    },
  };
}
