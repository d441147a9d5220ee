import { Events, type Client } from "discord.js";
import type { Logger } from "../logger.js";
import type { Subscriptions } from "../store/index.js";

/**
 * Disables subscriptions whose target is gone: the bot was removed from a guild (GUILD_DELETE
 * without `unavailable`) or a channel was deleted. An outage (`unavailable: true`) reaches
 * discord.js as `guildUnavailable`, not `guildDelete`, and changes nothing.
 */
export function watchGuildEvents(client: Client, store: Pick<Subscriptions, "disableSubscriptions">, logger: Logger): () => void {
  const onGuildDelete = async (guild: { id: string; name?: string }) => {
    const disabled = await store.disableSubscriptions({ guildId: guild.id }, "the bot was removed from this server");
    if (disabled) logger.info({ guild: guild.id, disabled }, "bot removed from a guild; its subscriptions are disabled");
  };
  const onChannelDelete = async (channel: { id: string }) => {
    const disabled = await store.disableSubscriptions({ channelId: channel.id }, "the channel was deleted");
    if (disabled) logger.info({ channel: channel.id, disabled }, "channel deleted; its subscriptions are disabled");
  };
  // A store error here must reach the log, not become an unhandled rejection that stops the bot.
  const logged =
    <A>(handle: (arg: A) => Promise<void>) =>
    (arg: A) =>
      void handle(arg).catch((err: unknown) => logger.error({ err }, "could not disable subscriptions after a guild event"));
  const onGuildUnavailable = (guild: { id: string }) => logger.warn({ guild: guild.id }, "guild unavailable (outage); subscriptions kept");
  const guildDeleted = logged(onGuildDelete);
  const channelDeleted = logged(onChannelDelete);
  client.on(Events.GuildDelete, guildDeleted);
  client.on(Events.ChannelDelete, channelDeleted);
  client.on(Events.GuildUnavailable, onGuildUnavailable);
  return () => {
    client.off(Events.GuildDelete, guildDeleted);
    client.off(Events.ChannelDelete, channelDeleted);
    client.off(Events.GuildUnavailable, onGuildUnavailable);
  };
}
