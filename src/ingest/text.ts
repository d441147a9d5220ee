import { Article, ArticleMeta } from "./article.js";
import type { AsOfFallback, Block, Comment, VideoBlock } from "./article.js";
import { chooseAsOf } from "./as-of.js";
import { takeDatelines } from "./dateline.js";
import { cpuBudget, type Budget } from "./budget.js";
import { ArticleInputError, rejectingParseErrors } from "./errors.js";
import { isCommentsHeading, isLinkLike, isListItem, lineFurniture, markLead, opensLinkList, separateFurniture } from "./furniture.js";
import { articleId, contentHash } from "./identity.js";
import { boundBlocks, boundLines } from "./limits.js";
import { dateTimeShape, isKnownTimeZone, readDateTime } from "./times.js";
import type { DateTimeShape } from "./times.js";
import { cleanOptionalText, cleanUntrustedText } from "./untrusted-text.js";
import { videoOfPage } from "./video-page.js";

/**
 * Plain-text article → Article. Text files come from copy-paste of web pages, wire copy and
 * translations, so the shapes below are recognised by form (a credit line, a time stamp, a
 * dateline), never by the wording of one outlet.
 */

interface Line {
  text: string;
  /** 1-based line in the source. */
  line: number;
}

/** A run of source lines read as one thing: a paragraph, a heading, a stamp. */
interface Unit {
  text: string;
  line: number;
  /** Made of more than one source line (a wrapped paragraph), so never a heading or caption. */
  joined: boolean;
}

interface Credit {
  reporter: string;
  outlet: string;
  programme: string | null;
  /** The comma parts holding the date (and maybe time). */
  dateText: string;
}

interface TimeContext {
  zone: string | null;
  dayFirst: boolean;
}

const HEADING_MAX_CHARS = 100;
const HEADING_MAX_WORDS = 14;
const CAPTION_MAX_CHARS = 200;
/** A line this long is article text, not a label such as "12 comments". */
const BODY_LINE_MIN_CHARS = 80;
/** Lines of hard-wrapped text are at most this long; longer lines are one paragraph each. */
const WRAP_MAX_CHARS = 100;

const AVATAR = /^avatar\b/i;
const COMMENT_CHROME = /^(?:reply|report|like|share|antworten|melden|\d+\s+(?:likes?|replies))$/i;
const FOOTER_BARE = /^(?:source site|source|quelle)$/i;
const FOOTER_LABELLED = /^(?:source|quelle|originally published(?: at| on| by)?|read more(?: at)?|via)\s*:?\s+(\S.*)$/i;
const COPYRIGHT = /^(?:©|\(c\)\s|copyright\b)/i;
const URL_LINE = /^https?:\/\/\S+$/i;
/** The text format's own time line, "As of: <date>": a value that is no date is an error, not text. */
const DECLARED_ASOF = /^as of\s*:\s*(.*)$/i;
/** "As of:", "Updated", "Stand:" ... followed by the time. Later kinds describe the text better. */
const TIME_LABEL = /(?<![\p{L}])(as of|last updated|updated|stand|published|posted|veröffentlicht|aktualisiert)(?![\p{L}])\s*:?\s*/giu;
const ASOF_LINE = /^(?:as of|last updated|updated|stand|published|posted|veröffentlicht|aktualisiert)(?![\p{L}])/iu;
/** A clock time opening a live-blog entry: "10:05 CET - ...", "9:45 a.m.: ...". */
const STAMPED_ENTRY = /^(\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,5})?|\d{1,2}\s*[ap]\.?\s?m\.?(?:\s*[A-Z]{2,5})?)\s*(?:[-–—|]|:\s)\s*(\S.*)$/;
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const NAME_PARTICLE = /^(?:von|van|der|den|de|da|di|del|du|al|el|bin|ibn|le|la|ter|ten|zu)$/;
const GERMAN_BROADCASTER_HOST =
  /(?:^|\.)(?:tagesschau\.de|ard\.de|ardmediathek\.de|zdf\.de|zdfheute\.de|deutschlandfunk\.de|deutschlandfunkkultur\.de|dw\.com)$/i;
const GERMAN_BROADCASTER_NAME = /\b(?:tagesschau|ARD|ZDF|Deutschlandfunk|DW|Deutsche Welle)\b/i;

/**
 * Whether a line is a time stamp is asked from several places (units, blocks, captions, credits,
 * comments) and chrono is most of the parser's cost, so each answer is kept while one file is parsed.
 */
const shapes = new Map<string, DateTimeShape | null>();

function shapeOf(text: string, dayFirst: boolean): DateTimeShape | null {
  const key = (dayFirst ? "D" : "M") + text;
  let shape = shapes.get(key);
  if (shape === undefined) shapes.set(key, (shape = dateTimeShape(text, dayFirst)));
  return shape;
}

/**
 * `fallback` dates the article when neither its text nor its metadata nor a dateline does: the
 * file's modification time, the time it was fetched. Such a time is not hashed, so the article is
 * not "changed" merely because the file was touched or fetched again.
 */
export function parseArticleText(text: string, origin: string, meta?: Partial<ArticleMeta>, fallback?: AsOfFallback): Article {
  try {
    const budget = cpuBudget(origin);
    return rejectingParseErrors(origin, () => parseText(text, origin, meta, fallback, budget));
  } finally {
    shapes.clear();
  }
}

function parseText(text: string, origin: string, meta: Partial<ArticleMeta> | undefined, fallback: AsOfFallback | undefined, budget: Budget): Article {
  const checkedMeta = ArticleMeta.safeParse(meta ?? {});
  if (!checkedMeta.success) {
    throw new ArticleInputError(origin, `invalid metadata: ${checkedMeta.error.issues.map(describeIssue).join("; ")}`);
  }
  const info = checkedMeta.data;
  if (info.timeZone !== null && !isKnownTimeZone(info.timeZone)) {
    throw new ArticleInputError(origin, `invalid metadata: timeZone: unknown time zone "${info.timeZone}"`);
  }
  const lines = toLines(text);

  const titleIndex = lines.findIndex((l) => l.text !== "");
  const titleLine = lines[titleIndex];
  if (!titleLine) throw new ArticleInputError(origin, "no title: the file holds no text", 1);
  if (!/[\p{L}\p{N}]/u.test(titleLine.text)) {
    throw new ArticleInputError(origin, "no title: the first line holds no words", titleLine.line);
  }
  if (isAsOfLine(titleLine.text) || DECLARED_ASOF.test(titleLine.text)) {
    throw new ArticleInputError(origin, "no title: the file starts with its time stamp, not a title", titleLine.line);
  }

  const rest = lines.slice(titleIndex + 1);
  boundLines(
    rest.reduce((n, l) => n + (l.text === "" ? 0 : 1), 0),
    origin,
  );
  const footer = splitFooter(rest);
  const { body, comments: commentLines } = splitComments(footer.content);

  const url = info.url ?? footer.url;
  const host = url ? hostOf(url) : null;
  const credits = body.map((l) => recogniseCredit(l.text)).filter((c): c is Credit => c !== null);
  const germanBroadcaster =
    (host !== null && GERMAN_BROADCASTER_HOST.test(host)) ||
    (info.outlet !== null && GERMAN_BROADCASTER_NAME.test(info.outlet)) ||
    credits.some((c) => /\b(?:ARD|ZDF)\b/.test(c.outlet));
  const ctx: TimeContext = {
    zone: info.timeZone ?? (germanBroadcaster ? "Europe/Berlin" : statedZone(body)),
    dayFirst: info.language !== "en-US",
  };

  const built = buildBlocks(toUnits(body), ctx, origin, info.asOf, budget);
  const pageUrl = url ?? built.url;
  const comments = parseComments(commentLines, ctx, built.asOf ?? info.asOf);
  // A comments heading with no comment under it is furniture; so are the credits under the story.
  const emptyCommentsHeadings = comments.length === 0 ? commentLines.filter((l) => l.text !== "" && !AVATAR.test(l.text)) : [];
  const trailing: Block[] = [
    ...footer.credits.map((l): Block => ({ type: "aside", kind: "byline", text: l.text, line: l.line })),
    ...emptyCommentsHeadings.map((l): Block => ({ type: "aside", kind: "comments-heading", text: l.text, line: l.line })),
  ];
  const blocks = separateFurniture([...built.blocks, ...trailing].map((block) => ({ block })));
  const readLeadDate = (dateText: string) => {
    const reference = built.asOf ?? info.asOf;
    return readDateTime(dateText, { timeZone: ctx.zone, dayFirst: ctx.dayFirst, ...(reference ? { reference: new Date(reference) } : {}) });
  };
  const dateline = takeDatelines(blocks, readLeadDate);
  markLead(blocks);
  if (!blocks.some((b) => b.type === "paragraph")) {
    throw new ArticleInputError(origin, "no body text: the article has a title but no paragraph", titleLine.line);
  }
  const dated = chooseAsOf(built.asOf, info.asOf, dateline?.at ?? null, fallback);
  const outlet = cleanOptionalText(info.outlet) ?? footer.outlet ?? (pageUrl ? hostOf(pageUrl) : null) ?? dateline?.agency ?? null;
  const title = titleLine.text;
  const video = videoOfPage({ title, url: pageUrl, outlet, asOf: dated.stated, line: titleLine.line }, blocks);
  const content = {
    title,
    asOf: dated.asOf,
    url: pageUrl,
    outlet,
    blocks: boundBlocks(video ? [video, ...blocks] : blocks, origin),
    comments,
  };
  const article = Article.safeParse({
    id: articleId(pageUrl, origin),
    contentHash: contentHash({ ...content, asOf: dated.stated }),
    asOfFrom: dated.from,
    language: info.language,
    origin,
    ...content,
  });
  // Untrusted text must end in an ArticleInputError, never in a schema error from deep inside.
  if (!article.success) throw new ArticleInputError(origin, `could not be read as an article: ${article.error.issues.map(describeIssue).join("; ")}`);
  return article.data;
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  return `${issue.path.map(String).join(".") || "meta"}: ${issue.message}`;
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

/** Lines cleaned of chat markup and invisible controls (see untrusted-text.ts) before any rule reads them. */
function toLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({
      text: cleanUntrustedText(raw)
        .replace(/[\s\u00A0]+/g, " ")
        .trim(),
      line: i + 1,
    }));
}

/** "Avatar", "Comments", "12 comments", "Leave a reply": where reader comments begin. */
function isCommentsMarker(text: string): boolean {
  return text.length <= 40 && (AVATAR.test(text) || isCommentsHeading(text.toLowerCase().replace(/[\s:.]+$/, "")));
}

// ---------------------------------------------------------------- footer and comments

/**
 * Trailing "source site" / "Source: https://…" / copyright lines are the page's chrome, not
 * content; wire credits there ("Reporting by …", "… contributed to this report") are kept as bylines.
 */
function splitFooter(lines: Line[]): { content: Line[]; url: string | null; outlet: string | null; credits: Line[] } {
  let end = lines.length;
  let url: string | null = null;
  let outlet: string | null = null;
  const credits: Line[] = [];
  while (end > 0) {
    const text = lines[end - 1]!.text;
    if (text === "") {
      end--;
      continue;
    }
    if (lineFurniture(text, { beforeBody: false }) === "byline") {
      credits.unshift(lines[--end]!);
      continue;
    }
    const labelled = FOOTER_BARE.test(text) ? null : FOOTER_LABELLED.exec(text);
    if (!labelled && !FOOTER_BARE.test(text) && !COPYRIGHT.test(text)) break;
    const value = labelled?.[1]?.trim();
    if (value && URL_LINE.test(value)) url ??= value;
    else if (value && /^(?:source|quelle)/i.test(text) && value.length <= 60) outlet ??= value;
    end--;
  }
  return { content: lines.slice(0, end), url: url && isHttpUrl(url) ? url : null, outlet, credits };
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Everything from the first comments marker after the body text on is reader comments; nothing
 * there becomes a block. A marker above the body ("12 comments" under the title) is page chrome.
 */
function splitComments(lines: Line[]): { body: Line[]; comments: Line[] } {
  const bodyStart = lines.findIndex((l) => l.text.length > BODY_LINE_MIN_CHARS);
  const isMarker = (l: Line) => isCommentsMarker(l.text);
  const start = lines.findIndex((l, i) => i > bodyStart && isMarker(l));
  const body = (start === -1 ? lines : lines.slice(0, start)).filter((l) => !isMarker(l));
  return { body, comments: start === -1 ? [] : lines.slice(start) };
}

/**
 * One comment per commenter: an `Avatar` line opens one (its next line is the author), and so does
 * a short name line directly followed by a date/time line. Every other line is comment text,
 * including a reply's reference such as "9:34 am, Marmolada".
 */
function parseComments(lines: Line[], ctx: TimeContext, asOf: string | null): Comment[] {
  const nonEmpty = lines.filter((l) => l.text !== "" && !COMMENT_CHROME.test(l.text));
  const comments: { author: string | null; postedAt: string | null; text: string[]; line: number }[] = [];
  const reference = asOf ? new Date(asOf) : undefined;
  for (let i = 0; i < nonEmpty.length; i++) {
    const current = nonEmpty[i]!;
    const next = nonEmpty[i + 1];
    const stamp = next ? shapeOf(next.text, ctx.dayFirst) : null;
    const opensWithAvatar = AVATAR.test(current.text);
    if (isCommentsMarker(current.text) && !opensWithAvatar) continue;
    if (opensWithAvatar || (isNameLike(current.text) && stamp?.hasClock)) {
      const authorLine = opensWithAvatar ? next : current;
      if (opensWithAvatar && authorLine && !isNameLike(authorLine.text)) {
        comments.push({ author: null, postedAt: null, text: [], line: current.line });
        continue;
      }
      const timeLine = nonEmpty[opensWithAvatar ? i + 2 : i + 1];
      const timed = timeLine && shapeOf(timeLine.text, ctx.dayFirst)?.hasClock;
      const postedAt = timed ? readDateTime(timeLine.text, { timeZone: ctx.zone, dayFirst: ctx.dayFirst, reference }) : null;
      comments.push({ author: authorLine?.text ?? null, postedAt, text: [], line: (authorLine ?? current).line });
      i += (opensWithAvatar ? 1 : 0) + (timed ? 1 : 0);
      continue;
    }
    const last = comments.at(-1);
    if (last) last.text.push(current.text);
    else comments.push({ author: null, postedAt: null, text: [current.text], line: current.line });
  }
  return comments
    .filter((c) => c.author !== null || c.text.length > 0)
    .map((c) => ({ author: c.author, postedAt: c.postedAt, text: c.text.join("\n"), line: c.line }));
}

function isNameLike(text: string): boolean {
  const endsSentence = /[!?:;]$/.test(text) || (/\.$/.test(text) && !/\b\p{Lu}\.$/u.test(text));
  return text.length <= 40 && !endsSentence && text.split(" ").length <= 5 && !shapeOf(text, true);
}

// ---------------------------------------------------------------- lines → units

/**
 * Joins the lines of one paragraph. Text wrapped at a fixed width has lines of similar length, so a
 * line well short of the width ends its paragraph (or is a heading); text with one paragraph per
 * line has long lines, which stand alone unless the next one plainly continues the sentence.
 */
function toUnits(lines: Line[]): Unit[] {
  const units: Unit[] = [];
  let chunk: Line[] = [];
  const flush = () => {
    units.push(...chunkUnits(chunk));
    chunk = [];
  };
  // After "Related" or "Read more", each short headline-like line is one link, however close they stand.
  let inLinkList = false;
  for (const l of lines) {
    if (l.text === "") flush();
    else if (standsAlone(l.text) || (inLinkList && isLinkLike(l.text))) {
      flush();
      units.push({ text: l.text, line: l.line, joined: false });
      inLinkList = opensLinkList(l.text) || (inLinkList && isLinkLike(l.text));
    } else {
      inLinkList = false;
      chunk.push(l);
    }
  }
  flush();
  return units;
}

function standsAlone(text: string): boolean {
  return (
    URL_LINE.test(text) ||
    labelledUrl(text) !== null ||
    DECLARED_ASOF.test(text) ||
    isAsOfLine(text) ||
    isListItem(text) ||
    lineFurniture(text, { beforeBody: true }) !== null ||
    recogniseCredit(text) !== null ||
    shapeOf(text, true) !== null ||
    STAMPED_ENTRY.test(text)
  );
}

function chunkUnits(chunk: Line[]): Unit[] {
  const width = Math.max(0, ...chunk.map((l) => l.text.length));
  const wrapped = chunk.length > 1 && width <= WRAP_MAX_CHARS;
  const units: Unit[] = [];
  let previousLine = "";
  chunk.forEach((l, index) => {
    const current = units.at(-1);
    const short = l.text.length < 0.6 * width || index === chunk.length - 1;
    const headingAfterSentence = /[.!?]["”’]?$/.test(previousLine) && short && isHeading(l.text, false);
    const continues =
      current !== undefined &&
      (/^[\p{Ll}(]/u.test(l.text) || /[,\-–]$/.test(previousLine) || (wrapped && previousLine.length >= 0.6 * width && !headingAfterSentence));
    if (current && continues) {
      current.text = /\p{L}-$/u.test(current.text) ? current.text + l.text : `${current.text} ${l.text}`;
      current.joined = true;
    } else {
      units.push({ text: l.text, line: l.line, joined: false });
    }
    previousLine = l.text;
  });
  return units;
}

// ---------------------------------------------------------------- units → blocks

interface Built {
  blocks: Block[];
  /** The time the article states (As of / Updated / Published / a date line above the body). */
  asOf: string | null;
  /** A "Source: https://…" line above or inside the body. */
  url: string | null;
}

/**
 * `reference` (the metadata's `asOf`) supplies the year of an "As of:" date that gives none; a
 * file's modification time never does (a copy made years later would move the article), nor the clock.
 */
function buildBlocks(units: Unit[], ctx: TimeContext, origin: string, reference: string | null, budget: Budget): Built {
  const asOf = findAsOf(units, ctx, origin, reference);
  const blocks: Block[] = [];
  let readingReference = asOf.value ? new Date(asOf.value) : undefined;
  let stamp: string | null = null;
  let url: string | null = null;

  const read = (text: string) => readDateTime(text, { timeZone: ctx.zone, dayFirst: ctx.dayFirst, reference: readingReference });
  const stamped = <T extends Block>(block: T): T => (stamp === null || block.type === "video" || block.type === "aside" ? block : { ...block, at: stamp });

  for (let i = 0; i < units.length; i++) {
    budget.check("reading blocks");
    const unit = units[i]!;
    if (asOf.consumed.has(i)) continue;
    if (isAsOfLine(unit.text)) continue;
    const source = labelledUrl(unit.text);
    if (source !== null) {
      url ??= source;
      continue;
    }

    const shape = shapeOf(unit.text, ctx.dayFirst);
    if (shape) {
      const at = read(unit.text);
      if (at && shape.hasClock) stamp = at;
      if (at) readingReference = new Date(at);
      continue;
    }

    const credit = recogniseCredit(unit.text);
    const caption = blocks.at(-1);
    const captionUnit = units[i - 1];
    if (credit && caption && (caption.type === "heading" || caption.type === "paragraph") && captionUnit?.line === caption.line && isCaption(captionUnit)) {
      blocks.pop();
      const urlUnit = units[i + 1];
      const videoUrl = urlUnit && URL_LINE.test(urlUnit.text) && isHttpUrl(urlUnit.text) ? urlUnit.text : null;
      if (videoUrl) i++;
      blocks.push(videoBlock(caption.text, caption.line, credit, videoUrl, read));
      continue;
    }

    // A link that does not belong to a video is a leftover of the page, not text.
    if (URL_LINE.test(unit.text)) continue;

    const entry = STAMPED_ENTRY.exec(unit.text);
    let text = unit.text;
    if (entry) {
      const at = read(entry[1]!);
      if (at) {
        stamp = at;
        text = entry[2]!;
      }
    }

    if (isHeading(text, unit.joined)) {
      blocks.push(stamped({ type: "heading", text, line: unit.line }));
    } else if (isQuote(text)) {
      blocks.push(stamped({ type: "quote", text: unquote(text), line: unit.line }));
    } else {
      blocks.push(stamped({ type: "paragraph", text, line: unit.line }));
    }
  }
  return { blocks, asOf: asOf.value, url };
}

/** "Source: https://…", "Originally published at https://…": the page's address, on a line of its own. */
function labelledUrl(text: string): string | null {
  const value = FOOTER_LABELLED.exec(text)?.[1]?.trim();
  return value && URL_LINE.test(value) && isHttpUrl(value) ? value : null;
}

/**
 * The article's time: an "Updated"/"As of"/"Stand" line beats "Published", which beats a bare
 * date/time line standing between the title and the first paragraph. An "As of:" line whose value
 * is no date is refused with its line: it is the format's own field, so a typo must not pass as text.
 */
function findAsOf(units: Unit[], ctx: TimeContext, origin: string, reference: string | null): { value: string | null; consumed: Set<number> } {
  const consumed = new Set<number>();
  let best: { rank: number; value: string } | null = null;
  const offer = (rank: number, text: string, index: number | null, unit: Unit, declared: boolean) => {
    const value = readDateTime(text, { timeZone: ctx.zone, dayFirst: ctx.dayFirst, ...(reference ? { reference: new Date(reference) } : {}) });
    if (!value) {
      if (declared) {
        throw new ArticleInputError(
          origin,
          `"As of:" date "${text.trim()}" gives no year, and no metadata gives one (write e.g. "As of: January 8, 2022 9:12")`,
          unit.line,
        );
      }
      return;
    }
    if (index !== null) consumed.add(index);
    if (!best || rank > best.rank) best = { rank, value };
  };
  let beforeBody = true;
  units.forEach((unit, index) => {
    const declared = DECLARED_ASOF.exec(unit.text);
    if (declared && !isAsOfLine(unit.text)) {
      throw new ArticleInputError(
        origin,
        `unreadable "As of:" date "${declared[1]!.slice(0, 60)}" (write a date and time such as "As of: January 8, 2022 9:12", or leave the line out)`,
        unit.line,
      );
    }
    if (isAsOfLine(unit.text)) {
      for (const part of labelledTimes(unit.text)) offer(part.updated ? 3 : 2, part.text, index, unit, declared !== null);
    } else if (beforeBody && shapeOf(unit.text, ctx.dayFirst)?.hasDay) {
      offer(1, unit.text, index, unit, false);
    } else if (beforeBody && lineFurniture(unit.text, { beforeBody: true }) === "byline") {
      // "Jane Doe Published January 20, 2022 | 02:41 PM": the time is the article's, the line stays a byline.
      for (const part of labelledTimes(unit.text)) offer(2, part.text, null, unit, false);
    } else if (labelledUrl(unit.text) === null && !isHeading(unit.text, unit.joined) && lineFurniture(unit.text, { beforeBody: true }) === null) {
      beforeBody = false;
    }
  });
  return { value: (best as { value: string } | null)?.value ?? null, consumed };
}

/** "Published January 7, 2022 • Updated January 8, 2022 9:12" → its labelled parts. */
function labelledTimes(line: string): { updated: boolean; text: string }[] {
  const labels = [...line.matchAll(TIME_LABEL)];
  return labels.map((m, k) => ({
    updated: /updated|as of|stand|aktualisiert/i.test(m[1]!),
    text: line.slice(m.index + m[0].length, labels[k + 1]?.index ?? line.length).replace(/[•|·]\s*$/, ""),
  }));
}

function stripLabels(line: string): string {
  return line.replace(TIME_LABEL, " ").trim();
}

/** "As of: January 8th, 2022 9:12 a.m." but not "Published reports say ...": labels and times only. */
function isAsOfLine(text: string): boolean {
  if (!ASOF_LINE.test(text)) return false;
  return labelledTimes(text).every((part) => shapeOf(part.text, true) !== null);
}

function isHeading(text: string, joined: boolean): boolean {
  if (joined || text.length > HEADING_MAX_CHARS) return false;
  const words = text.split(" ");
  if (words.length > HEADING_MAX_WORDS) return false;
  if (!/^[\p{Lu}\p{N}"“„«‘']/u.test(text)) return false;
  const end = text.replace(/[”"’'»)\]]+$/, "");
  if (/[.!,;:…]$/.test(end)) return false;
  return !end.endsWith("?") || words.length <= 12;
}

/** A caption is one short line or sentence; a paragraph ending above a stray credit line is not. */
function isCaption(unit: Unit | undefined): boolean {
  return unit !== undefined && unit.text.length <= CAPTION_MAX_CHARS && !/[.!?]["”’]?\s+["“„]?\p{Lu}/u.test(unit.text) && !shapeOf(unit.text, true);
}

/** A paragraph that is nothing but one quotation, or a ">" block quote. */
function isQuote(text: string): boolean {
  if (/^>\s?/.test(text)) return true;
  return /^[“„"«][^“”„"«»]+[”“"»][.!?]?$/.test(text);
}

function unquote(text: string): string {
  return text.replace(/^>\s?/, "").trim();
}

// ---------------------------------------------------------------- videos

/**
 * "Ina Ruck, ARD Moscow, daily news 8 p.m., 7.1.2022": a reporter of 2-4 capitalised name words,
 * an outlet, optional programme parts, and a date (maybe with time) in the last comma parts.
 */
function recogniseCredit(line: string): Credit | null {
  if (line.length > 160) return null;
  const parts = line.split(/\s*,\s*/);
  if (parts.length < 3 || !isPersonName(parts[0]!) || !isOutlet(parts[1]!)) return null;
  for (let k = Math.min(3, parts.length - 2); k >= 1; k--) {
    const dateText = parts.slice(-k).join(", ");
    if (!shapeOf(dateText, true)?.hasDay) continue;
    const programme = parts.slice(2, parts.length - k).join(", ");
    return { reporter: parts[0]!, outlet: parts[1]!, programme: programme || null, dateText };
  }
  return null;
}

function isPersonName(text: string): boolean {
  const words = text.split(" ");
  const names = words.filter((w) => !NAME_PARTICLE.test(w));
  return names.length >= 2 && names.length <= 4 && names.every((w) => NAME_WORD.test(w));
}

function isOutlet(text: string): boolean {
  return text.length <= 40 && text.split(" ").length <= 5 && /^[\p{Lu}\p{N}]/u.test(text) && !/[.!?]$/.test(text);
}

function videoBlock(title: string, line: number | undefined, credit: Credit, url: string | null, read: (text: string) => string | null): VideoBlock {
  const dateOnly = !shapeOf(credit.dateText, true)?.hasClock;
  // "daily news 8 p.m." carries the broadcast time the date part leaves out.
  const airedAt = read(dateOnly && credit.programme ? `${credit.dateText}, ${credit.programme}` : credit.dateText);
  return {
    type: "video",
    title: title.replace(/^video:\s*/i, ""),
    reporter: credit.reporter,
    outlet: credit.outlet,
    programme: credit.programme,
    airedAt,
    url,
    ...(line === undefined ? {} : { line }),
  };
}

/** When nothing says which zone the page is in, the first zone a time stamp states is used throughout. */
function statedZone(lines: Line[]): string | null {
  for (const l of lines) {
    const entry = STAMPED_ENTRY.exec(l.text);
    const candidate = entry ? entry[1]! : stripLabels(l.text);
    const offset = shapeOf(candidate, true)?.statedOffset;
    if (offset) return offset;
  }
  return null;
}
