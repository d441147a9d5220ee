import type { APIEmbed } from "discord.js";
import type { Page } from "./page.js";

/** A file a message uploads with it; an embed shows it by naming `attachment://<name>`. */
export interface MessageFile {
  name: string;
  data: Buffer;
  /** Alt text: what the file shows, in words. */
  description: string;
}

export const attachmentUrl = (file: Pick<MessageFile, "name">) => `attachment://${file.name}`;

/** The embed showing the file as its image. */
export const withImage = (embed: APIEmbed, file: MessageFile): APIEmbed => ({ ...embed, image: { url: attachmentUrl(file) } });

/** Every page carries the file and shows it in its first embed, so turning pages keeps the picture. */
export function pagesWithImage(pages: readonly Page[], file: MessageFile): Page[] {
  return pages.map((page) => ({ ...page, embeds: page.embeds.map((embed, i) => (i === 0 ? withImage(embed, file) : embed)), files: [file] }));
}
