import { Events, type Client } from "discord.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";

/**
 * Disables subscriptions whose target is gone: the bot was removed from a guild (GUILD_DELETE
 * without `unavailable`) or a channel was deleted. An outage (`unavailable: true`) reaches
 * discord.js as `guildUnavailable`, not `guildDelete`, and changes nothing.
 */
export function watchGuildEvents(client: Client, store: Store, logger: Logger): () => void {
  const onGuildDelete = (guild: { id: string; name?: string }) => {
    const disabled = store.disableSubscriptions({ guildId: guild.id }, "the bot was removed from this server");
    if (disabled) logger.info({ guild: guild.id, disabled }, "bot removed from a guild; its subscriptions are disabled");
  };
  const onChannelDelete = (channel: { id: string }) => {
    const disabled = store.disableSubscriptions({ channelId: channel.id }, "the channel was deleted");
    if (disabled) logger.info({ channel: channel.id, disabled }, "channel deleted; its subscriptions are disabled");
  };
  const onGuildUnavailable = (guild: { id: string }) => logger.warn({ guild: guild.id }, "guild unavailable (outage); subscriptions kept");
  client.on(Events.GuildDelete, onGuildDelete);
  client.on(Events.ChannelDelete, onChannelDelete);
  client.on(Events.GuildUnavailable, onGuildUnavailable);
  return () => {
    client.off(Events.GuildDelete, onGuildDelete);
    client.off(Events.ChannelDelete, onChannelDelete);
    client.off(Events.GuildUnavailable, onGuildUnavailable);
  };
}
