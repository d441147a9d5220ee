import { PermissionFlagsBits, Routes, type Client } from "discord.js";
import type { UpdateMessage } from "../render/update.js";

/** Posts one message to a channel and returns its id; throws what discord.js throws. */
export interface Sender {
  send(channelId: string, message: UpdateMessage, nonce: string): Promise<{ id: string }>;
}

/**
 * Files need Attach Files in the channel (Discord refuses the whole post with 50013 otherwise, which
 * would disable the subscription): without it, from the client's own view, the post goes without
 * its picture.
 */
function canAttachFiles(client: Client, channelId: string): boolean {
  const channel = client.channels.cache.get(channelId);
  const me = channel && "guild" in channel ? channel.guild.members.me : null;
  return Boolean(me && channel && "permissionsFor" in channel && channel.permissionsFor(me)?.has(PermissionFlagsBits.AttachFiles));
}

const withoutAttachedImages = (embeds: UpdateMessage["embeds"]) =>
  embeds.map(({ image, ...embed }) => (image?.url.startsWith("attachment://") ? embed : { ...embed, ...(image ? { image } : {}) }));

/**
 * Sends through the client's REST manager, so its per-route queues and 429 waits apply. The body is
 * built here, not by a discord.js channel object, so it repeats the client's no-ping rule itself.
 * `enforce_nonce` makes Discord answer a second send with the same nonce with the first message.
 * Every call builds the upload anew: a retry resends the files with the same nonce.
 */
export function restSender(client: Client): Sender {
  return {
    async send(channelId, message, nonce) {
      const files = message.files?.length && canAttachFiles(client, channelId) ? message.files : [];
      const body = {
        content: message.content,
        embeds: files.length ? message.embeds : withoutAttachedImages(message.embeds),
        nonce,
        enforce_nonce: true,
        allowed_mentions: { parse: [] },
        ...(files.length ? { attachments: files.map((f, id) => ({ id, filename: f.name, description: f.description })) } : {}),
      };
      const upload = files.map((f) => ({ name: f.name, data: f.data }));
      const created = (await client.rest.post(Routes.channelMessages(channelId), { body, ...(upload.length ? { files: upload } : {}) })) as { id?: unknown };
      if (typeof created.id !== "string") throw new Error("Discord returned a message without an id");
      return { id: created.id };
    },
  };
}
