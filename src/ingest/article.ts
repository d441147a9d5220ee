import { z } from "zod";

/**
 * The one shape every source (text file, HTML page, feed item) is turned into.
 * Extraction, storage and rendering only ever see this, never raw source text.
 */

const isoTime = z.iso.datetime({ offset: true });
/** 1-based line in the source file, when the source has lines (text files). */
const line = z.number().int().positive().optional();

export const HeadingBlock = z.object({
  type: z.literal("heading"),
  text: z.string().min(1),
  line,
  /** Time stamp of a live-blog entry this heading opens, when the source gives one. */
  at: isoTime.nullable().optional(),
});

/**
 * "ALMATY, Jan 9 (Reuters) —": where and when the report was filed, and by which agency. It opens
 * the lead and is taken out of its text: a place and a time, never an attribution.
 */
export const Dateline = z.object({
  /** As written, with its separator ("ALMATY, Jan 9 (Reuters) —"). */
  text: z.string(),
  place: z.string().nullable(),
  agency: z.string().nullable(),
  at: isoTime.nullable(),
});

export const ParagraphBlock = z.object({
  type: z.literal("paragraph"),
  /** Without its dateline. */
  text: z.string().min(1),
  line,
  /** The article's lead (teaser) paragraph. */
  lead: z.boolean().optional(),
  at: isoTime.nullable().optional(),
  dateline: Dateline.optional(),
});

export const QuoteBlock = z.object({
  type: z.literal("quote"),
  text: z.string().min(1),
  line,
  at: isoTime.nullable().optional(),
});

export const VideoBlock = z.object({
  type: z.literal("video"),
  /** The caption shown with the video ("Kazakh President Tokayev gives ... order to shoot"). */
  title: z.string().min(1),
  reporter: z.string().nullable(),
  outlet: z.string().nullable(),
  programme: z.string().nullable(),
  airedAt: isoTime.nullable(),
  /** Only a URL the source actually gives; never invented. */
  url: z.url({ protocol: /^https?$/ }).nullable(),
  line,
});

/**
 * Page furniture that is not news: photo captions and credits, related-link lists, bylines, share
 * and follow prompts, promotions (newsletters, adverts, teaser cards for other stories), a comments
 * heading with no comments under it, breadcrumbs and tag lists. Kept so that nothing of the page is
 * lost, and a block of its own kind so that no extractor takes it for reporting.
 */
export const AsideKind = z.enum(["caption", "related", "byline", "share", "promo", "comments-heading", "navigation"]);

export const AsideBlock = z.object({
  type: z.literal("aside"),
  kind: AsideKind,
  text: z.string().min(1),
  line,
});

export const Block = z.discriminatedUnion("type", [HeadingBlock, ParagraphBlock, QuoteBlock, VideoBlock, AsideBlock]);

/** Reader comments: kept apart, never a source of facts, actors or summary sentences. */
export const Comment = z.object({
  author: z.string().nullable(),
  postedAt: isoTime.nullable(),
  text: z.string(),
  line,
});

export const ArticleMeta = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  outlet: z.string().min(1).nullable().default(null),
  /** BCP 47 language of the text as stored (the seed is an English translation of a German page). */
  language: z.string().min(2).default("en"),
  /** IANA zone in which times without an offset are read. */
  timeZone: z.string().min(1).nullable().default(null),
  /** The article's time when its text states none (front matter or sidecar `asOf`). */
  asOf: isoTime.nullable().default(null),
});

/**
 * Where an article's as-of time came from: a time the article itself states (an `As of:` line,
 * an Updated/Published label, the page's meta tags or stamps), the file's metadata (front matter,
 * sidecar), the lead's dateline, or, when none of those give one, the file's modification time or
 * the time the page was fetched. The last two are guesses and are said so by `cli ingest` and
 * `cli parse`.
 */
export const AsOfSource = z.enum(["article", "metadata", "dateline", "file-modified", "fetched"]);

/** A time to fall back on, known only to the caller doing the I/O (file mtime, fetch time). */
export interface AsOfFallback {
  at: string;
  from: Extract<AsOfSource, "file-modified" | "fetched">;
}

export const Article = z.object({
  /** Stable across edits of the same article: from its URL, else its file name. */
  id: z.string().min(1),
  /** sha256 over the parsed content; changes whenever anything we extract from could change. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  title: z.string().min(1),
  asOf: isoTime.nullable(),
  /** Null when asOf is; absent on articles built before it was recorded. */
  asOfFrom: AsOfSource.nullable().optional(),
  url: z.string().nullable(),
  outlet: z.string().nullable(),
  language: z.string(),
  /** Where it was read from: a path or a URL, for error messages and /help. */
  origin: z.string(),
  /**
   * The file it was read from (a feed file holds several articles) and the sha256 of what parsing
   * read of it (load.ts rawInputHash), so the same file need not be parsed again. Absent for
   * fetched pages and articles built by hand.
   */
  rawInput: z.object({ path: z.string(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
  blocks: z.array(Block),
  comments: z.array(Comment),
});

export type HeadingBlock = z.infer<typeof HeadingBlock>;
export type ParagraphBlock = z.infer<typeof ParagraphBlock>;
export type QuoteBlock = z.infer<typeof QuoteBlock>;
export type VideoBlock = z.infer<typeof VideoBlock>;
export type AsideKind = z.infer<typeof AsideKind>;
export type AsideBlock = z.infer<typeof AsideBlock>;
export type Dateline = z.infer<typeof Dateline>;
export type AsOfSource = z.infer<typeof AsOfSource>;
export type Block = z.infer<typeof Block>;
export type Comment = z.infer<typeof Comment>;
export type ArticleMeta = z.infer<typeof ArticleMeta>;
export type Article = z.infer<typeof Article>;
