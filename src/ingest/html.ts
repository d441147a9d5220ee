import { onFirstUse } from "../first-use.js";
import { Article, ArticleMeta, type AsideBlock, type AsideKind, type AsOfFallback, type Block, type Comment, type VideoBlock } from "./article.js";
import { chooseAsOf } from "./as-of.js";
import { takeDatelines } from "./dateline.js";
import { cpuBudget, type Budget } from "./budget.js";
import { ArticleInputError, rejectingParseErrors } from "./errors.js";
import { isCommentsHeading, lineFurniture, markLead, separateFurniture, type Draft } from "./furniture.js";
import { articleId, contentHash } from "./identity.js";
import { MAX_ELEMENTS, MAX_NESTING, boundBlocks } from "./limits.js";
import { measureMarkup } from "./markup-scan.js";
import { dateTimeShape, readDateTime } from "./times.js";
import { cleanOptionalText, cleanUntrustedText } from "./untrusted-text.js";
import { videoOfPage } from "./video-page.js";
import { httpUrl } from "../http-url.js";

const linkedom = onFirstUse<typeof import("linkedom")>("linkedom");
const readability = onFirstUse<typeof import("@mozilla/readability")>("@mozilla/readability");

/**
 * The slice of the DOM this parser touches. The project compiles without the DOM lib (it is a
 * Node program), and linkedom's own typings lean on it, so we name what we use at this one
 * boundary instead of letting `any` in.
 */
interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
}
interface DomElement extends DomNode {
  readonly tagName: string;
  readonly id: string;
  readonly className: string;
  readonly parentElement: DomElement | null;
  readonly children: Iterable<DomElement> & { readonly length: number };
  readonly childNodes: Iterable<DomNode>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  closest(selector: string): DomElement | null;
  replaceWith(...nodes: Array<string | DomElement>): void;
  matches(selector: string): boolean;
  contains(other: DomElement): boolean;
  remove(): void;
  cloneNode(deep: boolean): DomElement;
}
interface DomDocument {
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  createElement(tag: string): DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  toString(): string;
}

/** A caption and a credit line; more text than this in a "video" box means it is not one. */
const MAX_VIDEO_BOX_CHARS = 400;
const MARK = "data-nbb-i";
/** Stands where page furniture was taken out, so the blocks can keep it in place without Readability scoring it. */
const FURNITURE = "nbb-furniture";

/** Elements that are never article text. */
const CHROME_SELECTOR = [
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "aside",
  "form",
  "button",
  "select",
  "svg",
  "dialog",
  "iframe[hidden]",
  "[role=navigation]",
  "[role=banner]",
  "[role=contentinfo]",
  "[role=complementary]",
  "[role=dialog]",
  "[role=alertdialog]",
  "[hidden]",
  "[aria-hidden=true]",
].join(",");

/** Class/id words (split on - and _) that mark ads, banners, share bars, teasers for other stories. */
const CHROME_WORDS = new Set([
  "ad",
  "ads",
  "advert",
  "adverts",
  "advertisement",
  "adslot",
  "sponsored",
  "promo",
  "banner",
  "cookie",
  "cookies",
  "consent",
  "gdpr",
  "share",
  "sharing",
  "shares",
  "social",
  "related",
  "recommended",
  "recommendations",
  "newsletter",
  "subscribe",
  "paywall",
  "breadcrumb",
  "breadcrumbs",
  "outbrain",
  "taboola",
  "popup",
  "modal",
  "sidebar",
  "toolbar",
  "skip",
  "print",
  "tags",
  "trending",
  "masthead",
  "navigation",
  "menu",
  "byline",
  "meta",
]);

/** Class/id words of furniture kept as asides when inside the story (block elements only; inline ones stay text or chrome). */
const FURNITURE_WORDS: ReadonlyMap<string, AsideKind> = new Map([
  ...["share", "sharing", "shares", "social", "sharebar"].map((w) => [w, "share"] as const),
  ...["related", "recommended", "recommendations", "trending", "outbrain", "taboola", "readmore"].map((w) => [w, "related"] as const),
  ...["byline", "author", "authors"].map((w) => [w, "byline"] as const),
  ...["promo", "newsletter", "subscribe", "paywall"].map((w) => [w, "promo"] as const),
  ...["breadcrumb", "breadcrumbs", "navigation", "menu", "tags", "nav"].map((w) => [w, "navigation"] as const),
]);
const INLINE_TAGS = /^(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var|label)$/i;
const ITEM_SELECTOR = "h1, h2, h3, h4, h5, h6, li, p";

const COMMENT_SECTION_SELECTOR = "#comments, .comments, [class*=comment], [id*=comment]";

const VIDEO_HOSTS = /(?:^|\.)(?:youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|ardmediathek\.de|zdf\.de|dailymotion\.com|rutube\.ru|tagesschau\.de)$/i;
/** On other hosts only paths that say "video"; "/embed" alone is as often a map or a post. */
const VIDEO_PATH = /\/(?:videos?|mediathek|watch)(?:[/.?-]|$)|\.(?:mp4|webm|m3u8)(?:$|\?)/i;

interface ParseContext {
  baseUrl: string | null;
  timeZone: string | null;
}

/**
 * Parses an article or live-blog page into an Article.
 *
 * Readability is good at *finding* the article on a page full of chrome, but its output loses
 * what we need: it drops `<time>` stamps of live-blog entries, unknown iframes and some captions,
 * and rewrites h1 to h2. So we mark every element, let Readability pick the content on a copy,
 * and then walk the *original* DOM under the nearest common ancestor of what it kept, with our
 * own rules for chrome, stamps and videos.
 */
export function parseArticleHtml(html: string, origin: string, meta: Partial<ArticleMeta> = {}, fallback?: AsOfFallback): Article {
  // Both bounds are read off the raw markup: parsing is what a hostile page makes slow.
  const shape = measureMarkup(html);
  if (shape.depth > MAX_NESTING) {
    throw new ArticleInputError(origin, `the page nests elements ${shape.depth} deep; an article page nests far less than ${MAX_NESTING}, so it is not parsed`);
  }
  if (shape.elements > MAX_ELEMENTS) {
    throw new ArticleInputError(origin, `the page has ${shape.elements} elements, more than the ${MAX_ELEMENTS} an article page may have, so it is not parsed`);
  }
  const budget = cpuBudget(origin);
  return rejectingParseErrors(origin, () => parsePage(html, origin, meta, fallback, budget));
}

/** Each step over the whole page checks the article's CPU budget: the element count bounds a step, not their sum. */
function parsePage(html: string, origin: string, meta: Partial<ArticleMeta>, fallback: AsOfFallback | undefined, budget: Budget): Article {
  const { document } = linkedom().parseHTML(html) as unknown as { document: DomDocument };
  budget.check("parsing the page");
  const root = document.documentElement;
  // textContent would glue "hours.<br>Queues" into one word.
  for (const br of [...document.querySelectorAll("br")]) br.replaceWith("\n");

  const url = canonicalUrl(document) ?? httpUrl(meta.url ?? null) ?? httpUrl(origin);
  const siteName = metaContent(document, "og:site_name") ?? cleanOptionalText(meta.outlet ?? null);
  const title = pageTitle(document, siteName);
  if (!title) throw new ArticleInputError(origin, "no title: the page has no og:title, <h1> or <title>");
  const given: ParseContext = { baseUrl: url, timeZone: meta.timeZone ?? null };
  const ld = readJsonLd(document);
  const declaredAsOf = pageTime(document, ld, given) ?? firstStamp(document, given);
  // Times the page writes without a zone (a video credit's "7.1.2022") are in the zone its own
  // machine-readable stamps state, unless the caller knows better.
  const context: ParseContext = { ...given, timeZone: given.timeZone ?? statedOffset(declaredAsOf) };
  const language = normaliseLanguage(root.getAttribute("lang")) ?? meta.language ?? "en";

  const { comments, emptyHeadings } = takeComments(document, context);
  budget.check("reading comments");
  const furniture = setFurnitureAside(document);
  budget.check("finding page furniture");
  const container = mainContainer(document);
  budget.check("finding the article's text");
  if (!container) throw new ArticleInputError(origin, "no body text: the page has no article content");

  const entries = liveEntries(container, context);
  const emptyComments = emptyHeadings.map((text): Draft => ({ block: { type: "aside", kind: "comments-heading", text } }));
  const blocks = separateFurniture([...readBlocks(container, context, entries, furniture), ...emptyComments]);
  budget.check("reading blocks");
  const pageAsOf = latest([declaredAsOf, ...entries.values()]);
  const reference = pageAsOf ?? meta.asOf ?? null;
  const dateline = takeDatelines(blocks, (dateText) =>
    readDateTime(dateText, { timeZone: context.timeZone, dayFirst: true, ...(reference ? { reference: new Date(reference) } : {}) }),
  );
  markLead(blocks);
  if (!blocks.some((b) => b.type === "paragraph")) {
    throw new ArticleInputError(origin, "no body text: no paragraph found in the page's main content");
  }

  const dated = chooseAsOf(pageAsOf, meta.asOf ?? null, dateline?.at ?? null, fallback);
  const outlet = siteName ?? dateline?.agency ?? null;
  const metadataSaysVideo = /^video\b/i.test(metaContent(document, "og:type") ?? "") || ld.types.has("VideoObject");
  const video = videoOfPage({ title, url, outlet, asOf: dated.stated, metadataSaysVideo }, blocks);
  const content = { title, asOf: dated.asOf, url, outlet, blocks: boundBlocks(video ? [video, ...blocks] : blocks, origin), comments };
  return Article.parse({
    id: articleId(url, origin),
    contentHash: contentHash({ ...content, asOf: dated.stated }),
    asOfFrom: dated.from,
    language,
    origin,
    ...content,
  });
}

// ---------------------------------------------------------------------------------------------
// Page metadata

function metaContent(document: DomDocument, property: string): string | null {
  const el = document.querySelector(`meta[property="${property}"], meta[name="${property}"]`);
  return clean(el?.getAttribute("content") ?? "") || null;
}

function canonicalUrl(document: DomDocument): string | null {
  const canonical = document.querySelector('link[rel~="canonical"]')?.getAttribute("href") ?? null;
  return httpUrl(canonical) ?? httpUrl(metaContent(document, "og:url"));
}

function pageTitle(document: DomDocument, outlet: string | null): string | null {
  const og = metaContent(document, "og:title");
  if (og) return og;
  const h1 = clean(document.querySelector("h1")?.textContent ?? "");
  if (h1) return h1;
  const title = clean(document.querySelector("title")?.textContent ?? "");
  // "<title>" usually carries the outlet as a suffix ("Story - Outlet"); the title is the story.
  if (outlet && title.endsWith(outlet)) return title.slice(0, -outlet.length).replace(/\s*[-|–—:·]\s*$/, "") || title;
  return title || null;
}

/** The page's own last-changed time: modified beats published; meta tags beat JSON-LD. */
function pageTime(document: DomDocument, ld: JsonLd, context: ParseContext): string | null {
  const candidates = [metaContent(document, "article:modified_time"), ld.modified, metaContent(document, "article:published_time"), ld.published];
  for (const value of candidates) {
    const iso = value ? readIsoTime(value, context) : null;
    if (iso) return iso;
  }
  return null;
}

interface JsonLd {
  modified: string | null;
  published: string | null;
  /** The types of the page's own objects (top level and @graph), not of objects nested in them. */
  types: Set<string>;
}

function readJsonLd(document: DomDocument): JsonLd {
  const found: JsonLd = { modified: null, published: null, types: new Set() };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue; // third-party JSON-LD is often broken; it is optional
    }
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      if (typeof record.dateModified === "string") found.modified ??= record.dateModified;
      if (typeof record.datePublished === "string") found.published ??= record.datePublished;
      for (const type of [record["@type"]].flat()) if (typeof type === "string") found.types.add(type);
      visit(record["@graph"]);
    };
    visit(data);
  }
  return found;
}

function firstStamp(document: DomDocument, context: ParseContext): string | null {
  for (const time of document.querySelectorAll("time[datetime]")) {
    const iso = readIsoTime(time.getAttribute("datetime") ?? "", context);
    if (iso) return iso;
  }
  return null;
}

function normaliseLanguage(lang: string | null): string | null {
  const value = lang?.trim();
  return value && /^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/i.test(value) ? value : null;
}

// ---------------------------------------------------------------------------------------------
// Comments

/**
 * Reader comments are read off and removed first, so no later step can mistake them for text. A
 * section that holds no comment leaves its heading ("Comments (0)", "Leave a reply") as furniture.
 */
function takeComments(document: DomDocument, context: ParseContext): { comments: Comment[]; emptyHeadings: string[] } {
  // Comments are often <article>s and can outnumber the story's paragraphs, so the only guard is
  // that a comment section never holds the story's own title or body.
  const sections = outermost([...document.querySelectorAll(COMMENT_SECTION_SELECTOR)].filter(isCommentSection)).filter(
    (section) => !section.querySelector("h1, [itemprop=articleBody]"),
  );
  const comments: Comment[] = [];
  const emptyHeadings: string[] = [];
  for (const section of sections) {
    const read = readCommentSection(section, context);
    comments.push(...read);
    const heading = clean(section.querySelector("h1, h2, h3, h4, h5, h6")?.textContent ?? "");
    if (read.length === 0 && heading) emptyHeadings.push(heading);
    section.remove();
  }
  return { comments, emptyHeadings };
}

function readCommentSection(section: DomElement, context: ParseContext): Comment[] {
  const items = [...section.querySelectorAll("*")].filter(isCommentItem);
  const units = items.length > 0 ? items : [...section.children];
  return units.flatMap((item) => {
    const own = (selector: string) => [...item.querySelectorAll(selector)].find((el) => nearestItem(el, section) === item) ?? null;
    const authorEl = own("[itemprop=author], [rel=author], [class*=author], [class*=user], [class*=name], .fn, cite");
    const timeEl = own("time");
    const body = item.cloneNode(true);
    for (const el of [...body.querySelectorAll("*")]) {
      if (isCommentItem(el) || el.matches(COMMENT_CHROME) || isAuthorOrTime(el)) el.remove();
    }
    const paragraphs = [...body.querySelectorAll("p")].map((p) => clean(p.textContent ?? "")).filter(Boolean);
    const text = paragraphs.length > 0 ? paragraphs.join("\n") : clean(body.textContent ?? "");
    // The section's own heading and notes ("Comments (0)", "No comments yet") are not a comment.
    if (!text || /^h[1-6]$/i.test(item.tagName) || isCommentsHeading(text.toLowerCase().replace(/[\s:.]+$/, ""))) return [];
    const stamp = timeEl ? (timeEl.getAttribute("datetime") ?? timeEl.textContent ?? "") : "";
    return [{ author: clean(authorEl?.textContent ?? "") || null, postedAt: stamp ? readIsoTime(stamp, context) : null, text }];
  });
}

/** "comments", "comment-list", "commentSection"; not "commentary", which is journalism. */
function isCommentSection(el: DomElement): boolean {
  return /^comments$/i.test(el.id) || classWords(el).some((w) => /^comments?(?:section|list|area|thread|container|wrapper|block|box)?$/i.test(w));
}

const COMMENT_CHROME = "[class*=avatar], [class*=action], [class*=reply], [class*=meta], button, img, form";

function isAuthorOrTime(el: DomElement): boolean {
  return /^(?:time|cite)$/i.test(el.tagName) || /author|user|name|\bfn\b/i.test(`${el.className} ${el.getAttribute("itemprop") ?? ""}`);
}

/** One reader's comment: a list item or article in the section, or an element classed as a single comment. */
function isCommentItem(el: DomElement): boolean {
  if (/^(?:article|li)$/i.test(el.tagName) || el.getAttribute("itemprop") === "comment") return true;
  // Whole class tokens: "comment", "c-comment", "comment-item", but not "comment-meta" or "comment-body".
  return (el.className ?? "").split(/\s+/).some((t) => /^(?:[a-z]+[-_])?comment(?:[-_]?(?:item|entry))?$/i.test(t));
}

function nearestItem(el: DomElement, section: DomElement): DomElement | null {
  for (let a = el.parentElement; a && a !== section; a = a.parentElement) if (isCommentItem(a)) return a;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Chrome and the main container

/**
 * Removes what is never text (scripts, forms, ads, banners, the site's own header and footer) and
 * puts a placeholder where furniture was (share bars, related links, bylines, promotions,
 * breadcrumbs, captions), holding its items as asides: inside the story they stay in place as
 * blocks of their own kind; outside it they are never read. Returns the asides by placeholder.
 */
function setFurnitureAside(document: DomDocument): Map<string, AsideBlock[]> {
  const chrome = [...document.querySelectorAll(CHROME_SELECTOR)].filter((el) => !isVideoIframe(el));
  const byClass = [...document.querySelectorAll("[class], [id]")].filter((el) =>
    classWords(el).some((w) => CHROME_WORDS.has(w) || (FURNITURE_WORDS.has(w) && !INLINE_TAGS.test(el.tagName))),
  );
  // Site headers and footers, but not an article's own <header> with its title and stamp.
  const pageFrame = [...document.querySelectorAll("header, footer")].filter((el) => !el.closest("article, main"));
  const paragraphs = countParagraphs(document);
  // Captions and credits of a video sit inside its figure and may be classed "byline" or "meta".
  const candidates = [...chrome, ...byClass, ...pageFrame].filter((el) => !el.parentElement?.closest("figure"));
  const asides = new Map<string, AsideBlock[]>();
  for (const el of outermost(candidates)) {
    if (holdsArticle(el, paragraphs)) continue;
    const items = furnitureItems(el);
    if (items.length > 0) {
      const placeholder = document.createElement(FURNITURE);
      placeholder.setAttribute("data-id", String(asides.size));
      asides.set(String(asides.size), items);
      el.replaceWith(placeholder);
    } else {
      el.remove();
    }
  }
  return asides;
}

/** The kind a chrome element's class, id or tag gives it, else what its first line says; null for chrome that is not furniture. */
function furnitureKind(el: DomElement, firstLine: string): AsideKind | null {
  if (/^(?:script|style|noscript|template|form|button|select|svg|dialog|iframe)$/i.test(el.tagName)) return null;
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return null;
  const classWordsOf = classWords(el);
  if (classWordsOf.some((w) => CHROME_WORDS.has(w) && !FURNITURE_WORDS.has(w))) return null;
  const named = classWordsOf.map((w) => FURNITURE_WORDS.get(w)).find((k) => k !== undefined);
  if (named) return named;
  if (/^nav$/i.test(el.tagName) || el.getAttribute("role") === "navigation") return "navigation";
  if (/^(?:header|footer)$/i.test(el.tagName)) return null;
  return lineFurniture(firstLine, { beforeBody: false });
}

/** A furniture element's items, one aside each: its headings, list items and paragraphs, else its links, else its whole text. */
function furnitureItems(el: DomElement): AsideBlock[] {
  const outer = (candidates: DomElement[], selector: string) =>
    candidates.filter((c) => {
      const holder = c.parentElement?.closest(selector);
      return !holder || !el.contains(holder);
    });
  let parts = outer([...el.querySelectorAll(ITEM_SELECTOR)], ITEM_SELECTOR);
  if (parts.length === 0) parts = outer([...el.querySelectorAll("a, button")], "a, button");
  const texts = (parts.length > 0 ? parts.map((p) => p.textContent ?? "") : [el.textContent ?? ""]).map(clean).filter(Boolean);
  const kind = texts[0] ? furnitureKind(el, texts[0]) : null;
  return kind ? texts.map((text) => ({ type: "aside", kind, text })) : [];
}

function countParagraphs(document: DomDocument): number {
  return [...document.querySelectorAll("p")].length;
}

/** A wrapper named e.g. "page ad-free" must not take the whole article with it. */
function holdsArticle(el: DomElement, pageParagraphs: number): boolean {
  if (el.querySelector("h1, article, main, [itemprop=articleBody]")) return true;
  return pageParagraphs > 0 && [...el.querySelectorAll("p")].length > pageParagraphs / 2;
}

function mainContainer(document: DomDocument): DomElement | null {
  let index = 0;
  for (const el of document.querySelectorAll("*")) el.setAttribute(MARK, String(index++));
  const byMark = new Map<string, DomElement>();
  for (const el of document.querySelectorAll(`[${MARK}]`)) byMark.set(el.getAttribute(MARK) ?? "", el);

  const { document: copy } = linkedom().parseHTML(document.toString()) as unknown as { document: DomDocument };
  const { Readability } = readability();
  // Readability is typed with the DOM lib, which this project compiles without: these casts are the bridge.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const picked = new Readability(copy as never, { serializer: (node) => node as unknown as DomElement, charThreshold: 200 }).parse();
  const kept = picked?.content ? [...picked.content.querySelectorAll(`p[${MARK}]`)] : [];
  const originals = kept.map((el) => byMark.get(el.getAttribute(MARK) ?? "")).filter((el): el is DomElement => !!el);
  const common = commonAncestor(originals);
  // Readability may leave out the article's own header (its stamp, its teaser paragraph) when
  // scoring the body; the enclosing <article>, when there is one, is the whole story.
  const widened = common?.closest("article") ?? common;
  // Readability gives up on short pages; semantic containers are the next best guide.
  return widened ?? document.querySelector("[itemprop=articleBody], article, main") ?? document.body;
}

function commonAncestor(elements: DomElement[]): DomElement | null {
  const [first, ...rest] = elements;
  if (!first) return null;
  let candidate: DomElement | null = first.parentElement;
  while (candidate && !rest.every((el) => candidate!.contains(el))) candidate = candidate.parentElement;
  return candidate;
}

// ---------------------------------------------------------------------------------------------
// Live-blog entries

/**
 * A live blog is a run of entries, each opened by a `<time datetime>` stamp; every block of an
 * entry gets its stamp as `at`. An entry is the largest element around a stamp that holds no
 * other entry's stamp. A page with a single stamp is an ordinary article: that time is its
 * publication time, not an entry's.
 */
function liveEntries(container: DomElement, context: ParseContext): Map<DomElement, string> {
  const stamps = [...container.querySelectorAll("time[datetime]")].filter((time) => isStamp(time));
  const entries = new Map<DomElement, string>();
  for (const stamp of stamps) {
    const iso = readIsoTime(stamp.getAttribute("datetime") ?? "", context);
    if (!iso) continue;
    let entry = stamp;
    while (entry.parentElement && entry.parentElement !== container && countStamps(entry.parentElement) === 1) {
      entry = entry.parentElement;
    }
    if (!entries.has(entry)) entries.set(entry, iso);
  }
  return entries.size >= 2 ? entries : new Map<DomElement, string>();
}

/** A stamp, not a date mentioned in prose: the first time in its parent, and not inside running text. */
function isStamp(time: DomElement): boolean {
  const prose = time.closest("p, blockquote, figcaption, li");
  if (prose && clean(prose.textContent ?? "") !== clean(time.textContent ?? "")) return false;
  return time.parentElement?.querySelector("time[datetime]") === time;
}

function countStamps(el: DomElement): number {
  return [...el.querySelectorAll("time[datetime]")].filter((time) => isStamp(time)).length;
}

function entryTime(el: DomElement, entries: Map<DomElement, string>): string | null {
  for (let a: DomElement | null = el; a; a = a.parentElement) {
    const at = entries.get(a);
    if (at) return at;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Blocks

function readBlocks(container: DomElement, context: ParseContext, entries: Map<DomElement, string>, furniture: Map<string, AsideBlock[]>): Draft[] {
  const drafts: Draft[] = [];
  const push = (block: Block, hints: Omit<Draft, "block"> = {}) => drafts.push({ block, ...hints });
  const stamped = entries.size > 0;
  const at = (el: DomElement) => (stamped ? { at: entryTime(el, entries) } : {});

  const visit = (el: DomElement): void => {
    const tag = el.tagName.toLowerCase();
    if (tag === FURNITURE) {
      for (const block of furniture.get(el.getAttribute("data-id") ?? "") ?? []) push(block);
      return;
    }
    if (tag === "h1" || tag === "time" || tag === "table") return;
    if (/^h[2-6]$/.test(tag)) {
      const text = clean(textWithoutStamps(el));
      if (text) push({ type: "heading", text, ...at(el) });
      return;
    }
    if (tag === "blockquote") {
      const text = clean(el.textContent ?? "");
      if (text) push({ type: "quote", text, ...at(el) });
      return;
    }
    const video = readVideo(el, context);
    if (video) {
      push(video);
      return;
    }
    if (tag === "figure") {
      // A photo's caption and credit: furniture, kept as a caption.
      const caption = clean(el.querySelector("figcaption")?.textContent ?? "");
      if (caption) push({ type: "aside", kind: "caption", text: caption });
      return;
    }
    if (tag === "video" || tag === "iframe" || tag === "img" || tag === "picture") return;
    if (tag === "li") {
      const text = clean(el.textContent ?? "");
      if (text) push({ type: "paragraph", text, ...at(el) }, { listItem: true, linked: linkShare(el) >= 0.5 });
      return;
    }
    if (tag === "p" || !hasBlockChildren(el)) {
      const text = clean(textWithoutStamps(el));
      if (text && !isOnlyStamp(el)) push({ type: "paragraph", text, ...at(el) }, { linked: linkShare(el) >= 0.8 });
      return;
    }
    for (const child of el.children) visit(child);
  };
  for (const child of container.children) visit(child);
  return drafts;
}

const BLOCK_TAGS = /^(?:p|div|section|article|main|header|footer|ul|ol|li|h[1-6]|blockquote|figure|table|video|iframe|aside|dl|pre|hr|nbb-furniture)$/i;

function hasBlockChildren(el: DomElement): boolean {
  return [...el.children].some((c) => BLOCK_TAGS.test(c.tagName));
}

function textWithoutStamps(el: DomElement): string {
  if (!el.querySelector("time")) return el.textContent ?? "";
  const copy = el.cloneNode(true);
  for (const time of [...copy.querySelectorAll("time")]) time.remove();
  return copy.textContent ?? "";
}

function isOnlyStamp(el: DomElement): boolean {
  const time = el.querySelector("time");
  return !!time && clean(time.textContent ?? "") === clean(el.textContent ?? "");
}

function linkShare(el: DomElement): number {
  const total = clean(el.textContent ?? "").length;
  const linked = [...el.querySelectorAll("a")].reduce((n, a) => n + clean(a.textContent ?? "").length, 0);
  return total === 0 ? 0 : linked / total;
}

// ---------------------------------------------------------------------------------------------
// Videos

function isVideoIframe(el: DomElement): boolean {
  return el.tagName.toLowerCase() === "iframe" && isVideoUrl(el.getAttribute("src"));
}

function isVideoUrl(href: string | null): boolean {
  if (!href) return false;
  try {
    const url = new URL(href, "https://base.invalid/");
    return VIDEO_HOSTS.test(url.hostname) ? !/tagesschau\.de$/i.test(url.hostname) || VIDEO_PATH.test(url.pathname) : VIDEO_PATH.test(url.pathname);
  } catch {
    return false;
  }
}

/** A player element (video, video iframe, or a box classed as a player) somewhere in `el`. */
function findPlayer(el: DomElement): DomElement | null {
  const tag = el.tagName.toLowerCase();
  if (tag === "video" || isVideoIframe(el)) return el;
  for (const candidate of el.querySelectorAll("video, iframe, a[href], [class], [data-video]")) {
    const ctag = candidate.tagName.toLowerCase();
    if (ctag === "video" || isVideoIframe(candidate)) return candidate;
    if (ctag === "a" && isVideoUrl(candidate.getAttribute("href"))) return candidate;
    if (candidate.hasAttribute("data-video") || classWords(candidate).some((w) => /^(?:video|videoplayer|mediaplayer|player)$/i.test(w))) {
      return candidate;
    }
  }
  return null;
}

/**
 * A video block from a figure (or a box classed as a video) holding a player or a link to a video
 * page, with its caption and credit line ("Reporter, Outlet, programme, date"). A bare player
 * becomes a block only when it names itself (title attribute); the URL is only ever the page's.
 */
function readVideo(el: DomElement, context: ParseContext): VideoBlock | null {
  const tag = el.tagName.toLowerCase();
  const isBox = tag === "figure" || classWords(el).some((w) => /^(?:video|videos|media|player)$/i.test(w));
  if (!isBox && tag !== "video" && tag !== "iframe") return null;
  // A wrapper classed "media-article" holding a whole story is not a video box.
  if (isBox && tag !== "figure" && clean(el.textContent ?? "").length > MAX_VIDEO_BOX_CHARS) return null;
  const player = findPlayer(el);
  if (!player) return null;

  const captionBox = el.querySelector("figcaption") ?? el.querySelector("[class*=caption]");
  const creditEl = (captionBox ?? el).querySelector("[class*=credit], [class*=byline], [class*=source], [class*=copyright], small, cite, footer");
  const captionParts = captionBox
    ? [...captionBox.querySelectorAll("p, span, div")].filter((p) => p !== creditEl && !creditEl?.contains(p) && !p.contains(creditEl ?? p))
    : [];
  let title = clean(captionParts[0]?.textContent ?? "");
  let credit = clean(creditEl?.textContent ?? "");
  if (!title && captionBox) {
    const whole = clean(captionBox.textContent ?? "");
    title = credit ? clean(whole.replace(credit, "")) : whole;
  }
  if (!credit && captionParts[1]) credit = clean(captionParts[1].textContent ?? "");
  title ||= clean(player.getAttribute("title") ?? player.getAttribute("aria-label") ?? "");
  if (!title) return null;

  const src = player.getAttribute("src") ?? player.querySelector("source[src]")?.getAttribute("src") ?? player.getAttribute("href");
  const url = httpUrl(src, context.baseUrl);
  return { type: "video", title, ...readCredit(credit, context), url };
}

/**
 * "Ina Ruck, ARD Moscow, daily news 8 p.m., 7.1.2022" → reporter, outlet, programme, airedAt.
 * The date is the last comma part that reads as one (day-first, as European credits write it);
 * a time carried by the programme name completes a date given without one.
 */
function readCredit(credit: string, context: ParseContext): Pick<VideoBlock, "reporter" | "outlet" | "programme" | "airedAt"> {
  const parts = credit.split(/\s*,\s*/).filter(Boolean);
  const options = { timeZone: context.timeZone, dayFirst: true };
  let dateText: string | null = null;
  const last = parts.at(-1);
  if (last && /\d/.test(last) && readDateTime(last, options)) {
    dateText = last;
    parts.pop();
  }
  // A person is 2-4 capitalised words ("Ina Ruck"); an outlet is anything else ("ARD Moscow", "AP").
  const isName = (s: string) => /^(?:\p{Lu}\p{Ll}[\p{L}'’.-]*\s+){1,3}\p{Lu}\p{Ll}[\p{L}'’.-]*$/u.test(s);
  const reporter = parts[0] !== undefined && isName(parts[0]) ? (parts.shift() ?? null) : null;
  const outlet = parts.shift() ?? null;
  const programme = parts.length > 0 ? parts.join(", ") : null;
  let airedAt: string | null = null;
  if (dateText) {
    // chrono pairs a date with a later time-only result, so "7.1.2022, daily news 8 p.m." reads as 20:00.
    const dateOnly = !dateTimeShape(dateText, true)?.hasClock;
    airedAt = readDateTime(dateOnly && programme ? `${dateText}, ${programme}` : dateText, options);
  }
  return { reporter, outlet, programme, airedAt };
}

// ---------------------------------------------------------------------------------------------
// Small readers

/** ISO as written when it carries an offset; otherwise read in the page's zone (see times.ts). */
function readIsoTime(value: string, context: ParseContext): string | null {
  const text = value.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$/i.exec(text);
  if (iso && !Number.isNaN(Date.parse(`${iso[1]}T${iso[2]}${iso[3] ?? ":00"}${normaliseOffset(iso[4] ?? "Z")}`))) {
    return `${iso[1]}T${iso[2]}${iso[3] ?? ":00"}${normaliseOffset(iso[4] ?? "Z")}`;
  }
  return text ? readDateTime(text, { timeZone: context.timeZone, dayFirst: true }) : null;
}

function statedOffset(iso: string | null): string | null {
  const offset = iso ? /([+-]\d{2}:\d{2})$/.exec(iso)?.[1] : undefined;
  return offset ?? null;
}

function normaliseOffset(offset: string): string {
  if (/^z$/i.test(offset)) return "Z";
  return offset.includes(":") ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

function latest(times: ReadonlyArray<string | null>): string | null {
  return times.reduce<string | null>((best, t) => (t && (!best || Date.parse(t) > Date.parse(best)) ? t : best), null);
}

function classWords(el: DomElement): string[] {
  return `${el.className ?? ""} ${el.id ?? ""}`
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function outermost(elements: DomElement[]): DomElement[] {
  const unique = [...new Set(elements)];
  return unique.filter((el) => !unique.some((other) => other !== el && other.contains(el)));
}

/** Whitespace collapsed, chat markup and invisible controls gone (see untrusted-text.ts). */
function clean(text: string): string {
  return cleanUntrustedText(text).replace(/\s+/g, " ").trim();
}
