import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type APIActionRowComponent, type APIComponentInMessageActionRow } from "discord.js";
import { Limits } from "../render/limits.js";
import type { Page } from "../render/page.js";

/**
 * Page buttons carry everything needed to draw the page again (`<command>:page:<view>:<n>:<arg>`),
 * so paging keeps working after a restart and no reply state is held in memory.
 */
export interface PageRequest {
  command: string;
  view: string;
  page: number;
  arg: string;
}

export function pageCustomId(request: PageRequest): string | null {
  const id = `${request.command}:page:${request.view}:${request.page}:${request.arg}`;
  return id.length <= Limits.customId ? id : null;
}

export function parsePageCustomId(customId: string): PageRequest | null {
  const match = /^([^:]+):page:([^:]+):(\d+):(.*)$/s.exec(customId);
  if (!match) return null;
  return { command: match[1]!, view: match[2]!, page: Number(match[3]), arg: match[4]! };
}

/** The message for page `index` of `pages`: its embeds, and Previous/Next buttons when there are several. */
export function pageMessage(pages: readonly Page[], index: number, base: Omit<PageRequest, "page">) {
  const page = Math.min(Math.max(index, 0), Math.max(pages.length - 1, 0));
  const embeds = pages[page]?.embeds ?? [];
  // Only a page with files names them: an edit naming none keeps what the message has.
  const uploads = pages[page]?.files;
  const files = uploads ? { files: uploads.map((f) => ({ attachment: f.data, name: f.name, description: f.description })) } : {};
  const prev = pageCustomId({ ...base, page: page - 1 });
  const next = pageCustomId({ ...base, page: page + 1 });
  if (pages.length < 2 || !prev || !next) return { embeds, components: [], ...files };
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(prev)
      .setLabel("Previous")
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page === 0),
    new ButtonBuilder()
      .setCustomId(`${base.command}:noop`)
      .setLabel(`${page + 1} / ${pages.length}`)
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(true),
    new ButtonBuilder()
      .setCustomId(next)
      .setLabel("Next")
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page === pages.length - 1),
  );
  return { embeds, components: [row.toJSON() as APIActionRowComponent<APIComponentInMessageActionRow>], ...files };
}
