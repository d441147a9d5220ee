import type { FigureView, SourceRef } from "../briefing/views.js";
import { escapeArticleText } from "./escape.js";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** In message text Discord shows `<t:…>` in each reader's own time zone; a bare date stays a date. */
export function when(iso: string | null): string | null {
  if (!iso) return null;
  if (DATE_ONLY.test(iso)) return dateFormat.format(new Date(`${iso}T00:00:00Z`));
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : `<t:${Math.floor(ms / 1000)}:f>`;
}

/** Footers and author lines do not render `<t:…>`, so they get a plain UTC time. */
export function plainWhen(iso: string | null): string | null {
  if (!iso) return null;
  if (DATE_ONLY.test(iso)) return dateFormat.format(new Date(`${iso}T00:00:00Z`));
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : dateTimeFormat.format(new Date(ms));
}

const millions = new Intl.NumberFormat("en", { notation: "compact", compactDisplay: "long", maximumFractionDigits: 2 });
const formatCount = (n: number) => (n >= 1_000_000 ? millions.format(n) : n.toLocaleString("en"));

/** "more than 4,000 arrests", "26 demonstrators", "about 2.2 million euros". */
export function figurePhrase(figure: Pick<FigureView, "count" | "qualifier" | "who" | "unit">): string {
  const qualifier = figure.qualifier === "exact" ? "" : `${figure.qualifier} `;
  const what = figure.who ?? figure.unit;
  return `${qualifier}${formatCount(figure.count)}${what ? ` ${escapeArticleText(what)}` : ""}`;
}

/** Markdown link to an article, or its escaped title where it has no link. */
export function sourceLink(source: SourceRef): string {
  const label = escapeArticleText(source.outlet ? `${source.outlet}: ${source.title}` : source.title).replace(/[[\]]/g, "");
  return source.url ? `[${label}](${source.url})` : label;
}

/** "(State television, 8 Jan 2022 · unverified)" — who says so and when, never dropped. */
export function attribution(parts: { by?: string | null; at?: string | null; unverified?: boolean }): string {
  const bits = [parts.by ? `according to ${escapeArticleText(parts.by)}` : null, when(parts.at ?? null), parts.unverified ? "unverified" : null].filter(
    (b): b is string => Boolean(b),
  );
  return bits.length ? ` (${bits.join(", ")})` : "";
}
