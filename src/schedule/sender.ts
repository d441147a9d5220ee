import { Routes, type REST } from "discord.js";
import type { UpdateMessage } from "../render/update.js";

/** Posts one message to a channel and returns its id; throws what discord.js throws. */
export interface Sender {
  send(channelId: string, message: UpdateMessage, nonce: string): Promise<{ id: string }>;
}

/**
 * Sends through the client's REST manager, so its per-route queues and 429 waits apply. The body is
 * built here, not by a discord.js channel object, so it repeats the client's no-ping rule itself.
 * `enforce_nonce` makes Discord answer a second send with the same nonce with the first message.
 */
export function restSender(rest: REST): Sender {
  return {
    async send(channelId, message, nonce) {
      const body = {
        content: message.content,
        embeds: message.embeds,
        nonce,
        enforce_nonce: true,
        allowed_mentions: { parse: [] },
      };
      const created = (await rest.post(Routes.channelMessages(channelId), { body })) as { id?: unknown };
      if (typeof created.id !== "string") throw new Error("Discord returned a message without an id");
      return { id: created.id };
    },
  };
}
