import type { APIEmbed, APIEmbedField } from "discord.js";
import type { MessageFile } from "./files.js";
import { fit } from "./fit.js";
import { Limits } from "./limits.js";

/** One screen of a reply: what a page button shows. */
export interface Page {
  embeds: APIEmbed[];
  /** Uploaded with the page (a chart its embed shows). */
  files?: MessageFile[];
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

/** A line that names the group of lines under it (a country, a figure category). */
export interface Heading {
  heading: string;
}

export function heading(text: string): Heading {
  return { heading: text };
}

export interface ListPagesInput {
  title: string;
  url?: string | null;
  /** Items, and headings over groups of them: a heading always starts a page's group, never ends a page. */
  lines: ReadonlyArray<string | Heading>;
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
  const descriptions = input.lines.length ? layOut(input.lines, room) : [input.emptyText];
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

/**
 * Groups lines into pages of at most `max` characters, never splitting a line unless it is longer
 * than a page on its own. A heading goes to the page of its first item, and a group that runs onto
 * the next page is headed there again ("… (continued)"), so no page shows items without their group.
 */
function layOut(lines: ReadonlyArray<string | Heading>, max: number): string[] {
  const pages: string[] = [];
  let page: string[] = [];
  let group: string | null = null;
  const length = (texts: readonly string[]) => texts.reduce((n, t) => n + t.length, 0) + Math.max(texts.length - 1, 0);

  const place = (unit: string[], continuing: string | null) => {
    if (page.length && length([...page, ...unit]) > max) {
      pages.push(page.join("\n"));
      const repeated = continuing ? `${continuing} (continued)` : null;
      page = repeated && length([repeated, ...unit]) <= max ? [repeated] : [];
    }
    page.push(...unit);
  };

  for (let i = 0; i < lines.length; i++) {
    const entry = lines[i];
    if (entry === undefined) continue;
    if (typeof entry === "string") {
      place([fit(entry, max)], group);
      continue;
    }
    group = fit(entry.heading, max);
    const first = lines[i + 1];
    if (typeof first === "string") {
      // Heading and first item are placed as one; the item gives up room for the heading if it must.
      place([group, fit(first, max - group.length - 1)], null);
      i++;
    } else {
      place([group], null);
    }
  }
  if (page.length) pages.push(page.join("\n"));
  return pages;
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
