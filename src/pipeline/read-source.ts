import type { Article, AsOfFallback } from "../ingest/article.js";
import { ArticleInputError } from "../ingest/errors.js";
import { feedItemToArticle, isFeedDocument, parseFeed, type FeedItem } from "../ingest/feed.js";
import { parseArticleHtml } from "../ingest/html.js";
import { splitFrontMatter } from "../ingest/read-file.js";
import { parseArticleText } from "../ingest/text.js";
import { isoInstant } from "../ingest/times.js";
import type { SourceKind } from "../store/index.js";
import type { Fetcher } from "../sources/fetch.js";

export interface ItemFailure {
  url: string;
  reason: string;
}

export type SourceRead =
  | { status: "not-modified" }
  | { status: "failed"; reason: string }
  /** Stopped by the run's deadline or a shutdown before the source itself was read. */
  | { status: "aborted"; reason: string }
  | {
      status: "ok";
      /** What the response turned out to be, whatever the source was configured as. */
      kind: SourceKind;
      articles: Article[];
      /** Link-only feed items whose page could not be fetched or read. */
      itemFailures: ItemFailure[];
      /** Link-only feed items left alone because their page is stored already. */
      knownItems: number;
      /**
       * Link-only items left for the next read: past the per-source cap, or cut by the deadline.
       * Not failures: nothing is wrong with them, and they are not stored, so the next read finds
       * them new again.
       */
      deferredItems: string[];
      etag: string | null;
      lastModified: string | null;
    };

export interface ReadSourceOptions {
  /** True for a link-only feed item whose page need not be fetched again. */
  isKnownItem?: (item: FeedItem & { url: string }) => boolean;
  /** How many feed items' pages are about to be fetched, then each one as it is done: for progress bars. */
  onLinkedItems?: (count: number) => void;
  onLinkedItem?: (url: string) => void;
  /** At most this many linked pages are fetched; the feed's further new items are deferred. */
  maxLinkedItems?: number;
}

/**
 * Fetches a page or feed and reads it into articles: an HTML page is one article, a feed gives one
 * per item, from its own content when it carries the whole report, else from the page it links to.
 * Page or feed is decided by what the server sends, so an operator listing a feed among pages (or
 * the CLI given any URL) still gets it read right. Nothing here writes to the store.
 */
export async function readSource(fetcher: Fetcher, url: string, options: ReadSourceOptions = {}): Promise<SourceRead> {
  const response = await fetcher.fetch(url);
  if (response.status !== "ok") return response;
  const { etag, lastModified } = response;
  try {
    const kind = documentKind(response.contentType, response.body);
    if (kind !== "feed") {
      const articles = [readDocument(kind, response.body, url)];
      return { status: "ok", kind: "page", articles, itemFailures: [], knownItems: 0, deferredItems: [], etag, lastModified };
    }
    const items = parseFeed(response.body, response.url);
    const articles: Article[] = [];
    const linked = new Map<string, FeedItem & { url: string }>();
    const itemFailures: ItemFailure[] = [];
    let knownItems = 0;
    for (const item of items) {
      const article = feedItemToArticle(item, response.url, fetchedNow());
      if (article) articles.push(article);
      else if (!item.url) itemFailures.push({ url: `${response.url}#${item.id}`, reason: `item "${item.title}" has neither full text nor a link` });
      else if (options.isKnownItem?.({ ...item, url: item.url })) knownItems++;
      else linked.set(item.url, { ...item, url: item.url });
    }
    // In feed order (newest first, as feeds list them), so the cap keeps the latest news.
    const links = [...linked.keys()];
    const fetched = links.slice(0, options.maxLinkedItems ?? links.length);
    const deferredItems = links.slice(fetched.length);
    // Fetched together: the fetcher already keeps to one request at a time per host.
    options.onLinkedItems?.(fetched.length);
    const pages = await Promise.all(fetched.map((link) => readLinkedPage(fetcher, link, options)));
    for (const page of pages) {
      if ("article" in page) articles.push(page.article);
      else if ("deferred" in page) deferredItems.push(page.deferred);
      else itemFailures.push(page);
    }
    return { status: "ok", kind: "feed", articles, itemFailures, knownItems, deferredItems, etag, lastModified };
  } catch (error) {
    if (error instanceof ArticleInputError) return { status: "failed", reason: error.reason };
    throw error;
  }
}

async function readLinkedPage(fetcher: Fetcher, url: string, options: ReadSourceOptions): Promise<{ article: Article } | { deferred: string } | ItemFailure> {
  const response = await fetcher.fetch(url);
  options.onLinkedItem?.(url);
  if (response.status === "aborted") return { deferred: url };
  if (response.status === "failed") return { url, reason: response.reason };
  if (response.status === "not-modified") return { url, reason: "the server answered 304 to an unconditional request" };
  const kind = documentKind(response.contentType, response.body);
  if (kind === "feed") return { url, reason: "the item links to another feed, not to a page" };
  try {
    // The feed's link is the origin, so the next refresh recognises the item as stored.
    return { article: readDocument(kind, response.body, url) };
  } catch (error) {
    if (error instanceof ArticleInputError) return { url, reason: error.reason };
    throw error;
  }
}

type DocumentKind = "feed" | "html" | "text";

/** Sniffs the root element too: servers often send feeds as text/xml, text/html or text/plain. */
function documentKind(contentType: string, body: string): DocumentKind {
  if (/^application\/(?:rss|atom|rdf)\+xml$/.test(contentType)) return "feed";
  if (isFeedDocument(body)) return "feed";
  return contentType === "text/plain" ? "text" : "html";
}

/** A page that states no time of its own is dated by when it was fetched (and says so). */
function readDocument(kind: Exclude<DocumentKind, "feed">, body: string, origin: string): Article {
  if (kind === "text") {
    const { meta, body: text } = splitFrontMatter(body.replace(/\r\n?/g, "\n"), origin);
    return parseArticleText(text, origin, { url: origin, ...meta }, fetchedNow());
  }
  return parseArticleHtml(body, origin, {}, fetchedNow());
}

function fetchedNow(): AsOfFallback {
  return { at: isoInstant(new Date()), from: "fetched" };
}
