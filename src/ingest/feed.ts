import { onFirstUse } from "../first-use.js";
import type { AnyFeed, AtomFeed, RdfFeed, RssFeed } from "feedsmith";
import { createHash } from "node:crypto";
import type { Article, AsOfFallback } from "./article.js";
import { ArticleInputError } from "./errors.js";
import { parseArticleHtml } from "./html.js";
import { httpUrl } from "../http-url.js";

const feedsmith = onFirstUse<typeof import("feedsmith")>("feedsmith");
const linkedom = onFirstUse<typeof import("linkedom")>("linkedom");

/** One entry of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, reduced to what ingest needs. */
export interface FeedItem {
  title: string;
  /** The item's own page, absolute http(s); null when the feed gives none. */
  url: string | null;
  /** ISO 8601 (UTC); null when absent or unreadable. */
  publishedAt: string | null;
  summaryHtml: string | null;
  contentHtml: string | null;
  /** Stable per item: guid / Atom id, else its link, else a hash of title and date. */
  id: string;
}

/**
 * Below this much text an item's body is a teaser, and the page behind its link is the article.
 * Teasers run one or two sentences (a few hundred characters at most); even a short wire report
 * runs to several paragraphs.
 */
const FULL_CONTENT_MIN_CHARS = 400;

/** Whether a document is a feed by its root element (after any XML declaration, comments or doctype), whatever it was served or named as. */
export function isFeedDocument(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, "");
  return /^\s*(?:<\?xml[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w-]+:)?(?:rss|feed|RDF)\b/.test(head);
}

/** Parses RSS 2.0, RSS 1.0 or Atom; a broken or truncated document is an ArticleInputError naming the fault. */
export function parseFeed(xml: string, origin: string): FeedItem[] {
  const source = xml.replace(/^\uFEFF/, "");
  let parsed: AnyFeed<string>;
  try {
    parsed = feedsmith().parseFeed<string>(source);
  } catch (error) {
    throw new ArticleInputError(origin, feedErrorReason(error));
  }
  // The XML parser underneath accepts a document that stops mid-way; a feed cut off by a dropped
  // connection would silently lose its last items, so insist on the root's closing tag.
  if (parsed.format !== "json" && !/<\/(?:[\w-]+:)?(?:rss|feed|RDF)\s*>\s*(?:<!--[\s\S]*?-->\s*)*$/.test(source)) {
    throw new ArticleInputError(origin, "malformed feed: the document ends before its root element is closed (truncated?)");
  }
  const base = feedBase(parsed, origin);
  switch (parsed.format) {
    case "rss":
      return (parsed.feed.items ?? []).map((item) => rssItem(item, base));
    case "rdf":
      return (parsed.feed.items ?? []).map((item) => rdfItem(item, base));
    case "atom":
      return (parsed.feed.entries ?? []).map((entry) => atomEntry(entry, base));
    case "json":
      throw new ArticleInputError(origin, "JSON Feed is not supported; expected RSS or Atom XML");
  }
}

/**
 * An item carrying the whole report becomes an Article; an item with only a teaser or a link
 * returns null, and the caller fetches `item.url` instead. `fallback` dates an item with no date
 * (the feed's fetch time or file time).
 */
export function feedItemToArticle(item: FeedItem, feedOrigin: string, fallback?: AsOfFallback): Article | null {
  const body = item.contentHtml ?? item.summaryHtml;
  if (!body || textLength(body) < FULL_CONTENT_MIN_CHARS) return null;
  // The item becomes a small page so that one HTML parser handles structure, videos, quotes and
  // comments the same way for feeds and pages.
  const head = [
    `<title>${escapeHtml(item.title)}</title>`,
    item.url ? `<link rel="canonical" href="${escapeHtml(item.url)}">` : "",
    item.publishedAt ? `<meta property="article:published_time" content="${escapeHtml(item.publishedAt)}">` : "",
  ].join("");
  const page = `<!doctype html><html><head>${head}</head><body><article><h1>${escapeHtml(item.title)}</h1>${body}</article></body></html>`;
  try {
    return parseArticleHtml(page, item.url ?? `${feedOrigin}#${item.id}`, {}, fallback);
  } catch (error) {
    if (error instanceof ArticleInputError) return null;
    throw error;
  }
}

function feedErrorReason(error: unknown): string {
  const { DetectError, MalformedError, ParseError } = feedsmith();
  if (error instanceof MalformedError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `malformed feed XML${cause}`;
  }
  if (error instanceof DetectError) return "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root found)";
  if (error instanceof ParseError) return "feed has no channel or entries to read";
  return `unreadable feed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Relative item links resolve against the feed's own link, else against where the feed came from. */
function feedBase(parsed: AnyFeed<string>, origin: string): string | null {
  const candidates: Array<string | undefined> = [origin];
  if (parsed.format === "rss" || parsed.format === "rdf") candidates.unshift(parsed.feed.link);
  if (parsed.format === "atom") candidates.unshift(atomLink(parsed.feed.links));
  return candidates.map((c) => httpUrl(c, null)).find((c) => c !== null) ?? null;
}

function rssItem(item: RssFeed.Item<string>, base: string | null): FeedItem {
  const permalink = item.guid?.isPermaLink !== false ? item.guid?.value : undefined;
  const url = httpUrl(item.link, base) ?? httpUrl(permalink, base);
  const publishedAt = isoDate(item.pubDate ?? item.dc?.dates?.[0] ?? item.dcterms?.created?.[0]);
  const title = plainText(item.title ?? item.dc?.titles?.[0] ?? "");
  return {
    title,
    url,
    publishedAt,
    summaryHtml: nonEmpty(item.description),
    contentHtml: nonEmpty(item.content?.encoded),
    id: item.guid?.value ?? url ?? syntheticId(title, publishedAt),
  };
}

function rdfItem(item: RdfFeed.Item<string>, base: string | null): FeedItem {
  const url = httpUrl(item.link, base);
  const publishedAt = isoDate(item.dc?.dates?.[0]);
  const title = plainText(item.title ?? "");
  return {
    title,
    url,
    publishedAt,
    summaryHtml: nonEmpty(item.description),
    contentHtml: nonEmpty(item.content?.encoded),
    id: item.rdf?.about ?? url ?? syntheticId(title, publishedAt),
  };
}

function atomEntry(entry: AtomFeed.Entry<string>, base: string | null): FeedItem {
  const url = httpUrl(atomLink(entry.links), base);
  const publishedAt = isoDate(entry.published ?? entry.updated);
  const title = entry.title ? (atomText(entry.title, true) ?? "") : "";
  return {
    title,
    url,
    publishedAt,
    summaryHtml: entry.summary ? atomText(entry.summary, false) : null,
    // Content given by reference (`src`) is not in the feed: the caller fetches the link.
    contentHtml: entry.content && !entry.content.src ? atomText(entry.content, false) : null,
    id: entry.id ?? url ?? syntheticId(title, publishedAt),
  };
}

function atomLink(links: ReadonlyArray<AtomFeed.Link<string>> | undefined): string | undefined {
  const alternate = links?.find((l) => (l.rel ?? "alternate") === "alternate" && (!l.type || /html/i.test(l.type)));
  return (alternate ?? links?.find((l) => (l.rel ?? "alternate") === "alternate"))?.href;
}

/** Atom text constructs are plain text unless typed html/xhtml; return HTML (or plain text for titles). */
function atomText(text: { value?: string; type?: string }, asPlain: boolean): string | null {
  const value = nonEmpty(text.value);
  if (value === null) return null;
  const isMarkup = text.type === "html" || text.type === "xhtml";
  if (asPlain) return isMarkup ? plainText(value) : value.trim();
  return isMarkup ? value : `<p>${escapeHtml(value)}</p>`;
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function syntheticId(title: string, publishedAt: string | null): string {
  return `sha256:${createHash("sha256")
    .update(`${title}\n${publishedAt ?? ""}`)
    .digest("hex")
    .slice(0, 32)}`;
}

function nonEmpty(value: string | undefined): string | null {
  return value && value.trim() !== "" ? value : null;
}

/** Feed titles sometimes carry markup or entities (double-escaped ones too); a title is plain text. */
function plainText(html: string): string {
  // linkedom's types need the DOM lib, which this project does not compile with: say what is read.
  const { document } = linkedom().parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as {
    document: { body: { textContent: string | null } };
  };
  return (document.body.textContent ?? "").replace(/\s+/g, " ").trim();
}

function textLength(html: string): number {
  return plainText(html).length;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
