import type { APIEmbed, APIEmbedField } from "discord.js";
import { fit, pageLines } from "./fit.js";
import { Limits } from "./limits.js";

/** One screen of a reply: what a page button shows. */
export interface Page {
  embeds: APIEmbed[];
}

export const EMBED_COLOR = 0x2f6fdf;
const PAGE_MARK_ROOM = " · page 99/99".length;

function embedChars(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export interface ListPagesInput {
  title: string;
  url?: string | null;
  lines: readonly string[];
  /** Shown on the first page only, under the list. */
  fields?: readonly APIEmbedField[];
  footer: string;
  timestamp?: string | null;
  emptyText: string;
}

/**
 * Lays a list of lines out over as many one-embed pages as it needs, each within every embed
 * limit (description, fields, footer and the 6,000-character total, leaving room for "page i/n").
 */
export function listPages(input: ListPagesInput): Page[] {
  const title = fit(input.title, Limits.embedTitle);
  const footer = fit(input.footer, Limits.footerText - PAGE_MARK_ROOM);
  const fields = (input.fields ?? []).slice(0, Limits.embedFields).map((f) => ({
    name: fit(f.name, Limits.fieldName),
    value: fit(f.value, Limits.fieldValue),
    inline: f.inline ?? false,
  }));
  const fieldChars = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Math.min(Limits.embedDescription, Limits.embedsTotal - title.length - footer.length - PAGE_MARK_ROOM - fieldChars);
  const descriptions = input.lines.length ? pageLines(input.lines, room) : [input.emptyText];
  const timestamp = input.timestamp && !Number.isNaN(Date.parse(input.timestamp)) ? new Date(input.timestamp).toISOString() : undefined;
  return descriptions.map((description, i) => {
    const embed: APIEmbed = {
      title,
      description,
      color: EMBED_COLOR,
      footer: { text: footer },
      ...(input.url ? { url: input.url } : {}),
      ...(timestamp ? { timestamp } : {}),
      ...(i === 0 && fields.length ? { fields } : {}),
    };
    return { embeds: [embed] };
  });
}

/** Stamps "page i/n" into each page's footer once the page count is known. */
export function numberPages(pages: readonly Page[]): Page[] {
  if (pages.length < 2) return [...pages];
  return pages.map((page, i) => ({
    embeds: page.embeds.map((embed, j) =>
      j === 0 && embed.footer ? { ...embed, footer: { ...embed.footer, text: `${embed.footer.text} · page ${i + 1}/${pages.length}` } } : embed,
    ),
  }));
}

/** Guard used by tests and the sender: a page that would break a Discord limit is a bug. */
export function pageWithinLimits(page: Page): boolean {
  if (page.embeds.length > Limits.embedsPerMessage) return false;
  const total = page.embeds.reduce((n, e) => n + embedChars(e), 0);
  return (
    total <= Limits.embedsTotal &&
    page.embeds.every(
      (e) =>
        (e.title?.length ?? 0) <= Limits.embedTitle &&
        (e.description?.length ?? 0) <= Limits.embedDescription &&
        (e.footer?.text.length ?? 0) <= Limits.footerText &&
        (e.fields?.length ?? 0) <= Limits.embedFields &&
        (e.fields ?? []).every((f) => f.name.length <= Limits.fieldName && f.value.length <= Limits.fieldValue),
    )
  );
}
