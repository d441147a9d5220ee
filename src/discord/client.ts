import { Client, GatewayIntentBits, Options } from "discord.js";
import { fixShardDestroy } from "./shard-destroy.js";

/**
 * The bot's client. A news bot needs guilds and channels, nothing else: only the Guilds intent, no
 * message, member or presence caches, and mentions parsed from nothing, so no article text it reposts
 * can ever ping anyone, whichever code path sends it.
 */
export function createClient(apiUrl: string, sharding: { shards: number[]; shardCount: number } = { shards: [0], shardCount: 1 }): Client {
  fixShardDestroy();
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // The shards this process holds of the bot's whole count; other processes hold the rest.
    shards: sharding.shards,
    shardCount: sharding.shardCount,
    rest: { api: apiUrl },
    allowedMentions: { parse: [], repliedUser: false },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMessageManager: 0,
      DMMessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      VoiceStateManager: 0,
      ThreadMemberManager: 0,
      GuildInviteManager: 0,
      AutoModerationRuleManager: 0,
      // Only the bot's own member is needed, for channel permission checks.
      GuildMemberManager: { maxSize: 1, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 1, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });
}
