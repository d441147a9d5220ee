import { MEMBER_PERMISSIONS, type ChannelState, type GuildState, type SandboxState } from "./state.js";
import type { APIEmbed } from "discord.js";
import type { SandboxAttachment, SandboxMessage } from "./types.js";

/** Discord API objects as the real platform shapes them, built from sandbox state. */

export type Json = Record<string, unknown>;

export const BOT_USERNAME = "Briefing Bot";

export function userObject(id: string, username: string, bot = false): Json {
  return {
    id,
    username,
    global_name: bot ? null : username,
    discriminator: bot ? "0000" : "0",
    avatar: null,
    bot,
    system: false,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
  };
}

export function botUser(state: SandboxState): Json {
  return userObject(state.botUserId, BOT_USERNAME, true);
}

export function applicationObject(state: SandboxState): Json {
  return {
    id: state.applicationId,
    name: BOT_USERNAME,
    icon: null,
    description: "Loopback sandbox application",
    bot_public: false,
    bot_require_code_grant: false,
    flags: 0,
    owner: userObject("1", "sandbox-owner"),
    team: null,
    verify_key: "0".repeat(64),
    summary: "",
    bot: botUser(state),
    approximate_guild_count: state.guilds.filter((guild) => guild.botPresent).length,
    integration_types_config: { "0": {} },
  };
}

/**
 * The bot's effective permissions come out exactly as specified: @everyone grants the member set, the bot's own role
 * grants nothing, and a member overwrite on each channel allows the bot's bits and denies the rest of @everyone's.
 */
export function channelObject(channel: ChannelState, state: SandboxState, withGuildId = true): Json {
  return {
    id: channel.id,
    type: channel.type,
    ...(withGuildId ? { guild_id: channel.guildId } : {}),
    name: channel.name,
    position: channel.position,
    permission_overwrites: [
      {
        id: state.botUserId,
        type: 1,
        allow: channel.botPermissions.toString(),
        deny: (MEMBER_PERMISSIONS & ~channel.botPermissions).toString(),
      },
    ],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

function role(id: string, name: string, permissions: bigint, position: number, botId?: string): Json {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: botId !== undefined,
    mentionable: false,
    flags: 0,
    ...(botId ? { tags: { bot_id: botId } } : {}),
  };
}

export function guildCreateObject(guild: GuildState, state: SandboxState): Json {
  const channels = state.liveChannels(guild);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [role(guild.id, "@everyone", MEMBER_PERMISSIONS, 0), role(guild.botRoleId, BOT_USERNAME, 0n, 1, state.botUserId)],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: "en-US",
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    max_members: 500_000,
    max_video_channel_users: 25,
    joined_at: guild.joinedAt,
    large: false,
    lazy: true,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [
      {
        user: botUser(state),
        nick: null,
        avatar: null,
        roles: [guild.botRoleId],
        joined_at: guild.joinedAt,
        premium_since: null,
        deaf: false,
        mute: false,
        pending: false,
        flags: 0,
      },
    ],
    channels: channels.map((channel) => channelObject(channel, state, false)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** Where the sandbox serves an attachment's bytes, as Discord's CDN would. */
export function attachmentUrl(state: SandboxState, message: SandboxMessage, attachment: SandboxAttachment): string {
  return `${state.cdnUrl}/attachments/${message.channelId}/${attachment.id}/${encodeURIComponent(attachment.filename)}`;
}

function attachmentObject(state: SandboxState, message: SandboxMessage, a: SandboxAttachment): Json {
  const url = attachmentUrl(state, message, a);
  return {
    id: a.id,
    filename: a.filename,
    ...(a.description === null ? {} : { description: a.description }),
    ...(a.contentType === null ? {} : { content_type: a.contentType }),
    size: a.size,
    url,
    proxy_url: url,
    ...(a.width === undefined ? {} : { width: a.width, height: a.height }),
  };
}

/** Discord answers an embed's `attachment://name` with the uploaded file's own URL and size. */
function resolvedEmbed(state: SandboxState, message: SandboxMessage, embed: APIEmbed): APIEmbed {
  const resolve = (media: { url: string } | undefined) => {
    const name = media?.url.startsWith("attachment://") ? media.url.slice("attachment://".length) : null;
    const file = name === null ? undefined : message.attachments.find((a) => a.filename === name);
    if (!media || !file) return media;
    const url = attachmentUrl(state, message, file);
    return { ...media, url, proxy_url: url, ...(file.width === undefined ? {} : { width: file.width, height: file.height }) };
  };
  const image = resolve(embed.image);
  const thumbnail = resolve(embed.thumbnail);
  return { ...embed, ...(image ? { image } : {}), ...(thumbnail ? { thumbnail } : {}) };
}

export function messageObject(message: SandboxMessage, state: SandboxState): Json {
  return {
    id: message.id,
    type: message.source === "interaction" ? 20 : 0,
    channel_id: message.channelId,
    author: botUser(state),
    content: message.content,
    embeds: message.embeds.map((embed) => resolvedEmbed(state, message, embed)),
    components: message.components,
    attachments: message.attachments.map((a) => attachmentObject(state, message, a)),
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date(message.createdAt).toISOString(),
    edited_timestamp: message.editedAt === null ? null : new Date(message.editedAt).toISOString(),
    flags: message.flags,
    ...(message.nonce === null ? {} : { nonce: message.nonce }),
    ...(message.source === "interaction" ? { webhook_id: state.applicationId, application_id: state.applicationId } : {}),
  };
}
