import { z } from "zod";
import type { AsideKind, Block } from "./article.js";
import vocabulary from "./page-furniture.json" with { type: "json" };
import { dateTimeShape } from "./times.js";

/**
 * Page furniture by its form, shared by the text and HTML parsers: a short line ending in a photo
 * credit is a caption; a label such as "Related" and the run of short headline-like lines after it
 * (or lines opened by bullets) are related links; "By …" above the story, a name with a
 * "Published <date>" stamp, or "(Reporting by …)" under it is a byline; "Share this article" or
 * "Follow us on <platform>" is a share prompt; a breadcrumb ("Home > World > Asia") or tag list is
 * navigation. The words involved are data (page-furniture.json); the forms are here. A line is
 * only ever furniture when it is short and stands alone: the same words inside running text are
 * reporting.
 */

const Vocabulary = z.object({
  relatedLabels: z.array(z.string()),
  relatedPrefixes: z.array(z.string()),
  shareVerbs: z.array(z.string()),
  shareObjects: z.array(z.string()),
  followVerbs: z.array(z.string()),
  platforms: z.array(z.string()),
  promoLines: z.array(z.string()),
  promoPhrases: z.array(z.string()),
  commentsHeadings: z.array(z.string()),
  navigationLabels: z.array(z.string()),
  navigationLines: z.array(z.string()),
  photoWords: z.array(z.string()),
  creditStaffWords: z.array(z.string()),
  creditVerbs: z.array(z.string()),
});
const words = Vocabulary.parse(vocabulary);

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
const alternation = (list: readonly string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");
/** The words as written in lower case, Capitalised or in CAPITALS: for patterns that must see real capitals elsewhere. */
const anyCase = (list: readonly string[]) => alternation(list.flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()]));

const RELATED_LABELS = new Set(words.relatedLabels);
const SHARE_VERBS = new Set(words.shareVerbs);
const SHARE_OBJECTS = new Set(words.shareObjects);
const FOLLOW_VERBS = new Set(words.followVerbs);
const PLATFORM = new RegExp(`(?:^|\\s)(?:${alternation(words.platforms)})(?:\\s|$)`);
const PROMO_LINES = new Set(words.promoLines);
const PROMO_PHRASE = new RegExp(`\\b(?:${alternation(words.promoPhrases)})\\b`);
const PROMO_IMPERATIVE = /^(?:sign|subscribe|get|download|support|become|join|try|start|register|log|already)\b/;
const COMMENTS_HEADINGS = new Set(words.commentsHeadings);
const STAFF_WORDS = new Set(words.creditStaffWords);
const CREDIT_VERBS = new Set(words.creditVerbs.flatMap((v) => v.split(" ")));
const NAVIGATION_LINES = new Set(words.navigationLines);
const NAVIGATION_LABEL = new RegExp(`^(?:${alternation(words.navigationLabels)})\\s*:\\s*\\S`, "i");
const RELATED_WITH_ITEM = new RegExp(`^(?:${alternation(words.relatedLabels)})\\s*[:»›>|–—-]\\s*(\\S.*)$`, "i");
const PHOTO = anyCase(words.photoWords);

/** "(AP Photo/Jane Doe)", "(Photo: Reuters)" closing the line; the bracket opens with a capital. */
const BRACKETED_CREDIT = /\(\s*\p{Lu}[^()]{0,80}\)\.?$/u;
const PHOTO_WORD = new RegExp(`\\b(?:${PHOTO})\\b`, "u");
/** "— AFP photo", "- Reuters Photo" closing the line. */
const DASH_CREDIT = new RegExp(`[-–—]\\s*(?:\\p{Lu}[\\p{L}.&/'’-]*\\s+){0,3}(?:${PHOTO})\\.?$`, "u");
/** "Photo: Reuters", "… in Almaty. Photograph: Jane Doe/AFP" closing the line. */
const LABELLED_CREDIT = new RegExp(`(?:^|[.!?]\\s+|\\s[|/·•]\\s)(?:${PHOTO})\\s*(?:by|courtesy of)?\\s*:\\s*[^.!?:]{1,80}\\.?$`, "u");
/** "REUTERS/Jane Doe", "EPA-EFE/Jane Doe", "AFP/Getty Images" closing the line: an agency in capitals, then a name (not "RFE/RL's"). */
const AGENCY_SLASH_CREDIT = /(?:^|\s)\p{Lu}{2,}(?:-\p{Lu}{2,})?\/\p{Lu}\p{Ll}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}\s*$/u;
const CAPTION_LEAD_IN = /^(?:file photo|photo|pictured|in pictures)\s*[:–—-]\s*\S/i;

const BY_LINE = /^(?:by|von|written by|words by|text by|reported by|authors?)\s*:?\s+(\S.*)$/i;
/** Lower-case words a byline or credit may hold ("Jane Doe, Almaty correspondent"); any other long one makes it a sentence. */
const CREDIT_SMALL_WORDS = new Set([
  "and",
  "in",
  "at",
  "for",
  "with",
  "from",
  "the",
  "of",
  "by",
  "de",
  "van",
  "von",
  "der",
  "news",
  "special",
  "senior",
  "chief",
  "political",
  "foreign",
  "photographer",
  "contributing",
  ...STAFF_WORDS,
  ...CREDIT_VERBS,
]);
const CREDIT_BY = new RegExp(`^\\(?\\s*(?:${anyCase(words.creditVerbs)})\\s+by\\s+\\p{Lu}[^()]*\\)?\\.?$`, "u");
/** "(Reporting by …; Editing by …)" glued to the end of a paragraph. */
const GLUED_CREDIT = new RegExp(`^(.*[.!?"”’])\\s*(\\(\\s*(?:${anyCase(words.creditVerbs)})\\s+by\\s+\\p{Lu}[^()]*\\))\\s*$`, "u");
const CONTRIBUTED = /^[^.!?]{0,80}\b(?:writers?|correspondents?|reporters?)\b[^.!?]{0,80}\bcontributed\b[^.!?]{0,40}\.?$/i;
const WITH_WIRES = /^(?:[-–—]\s*)?[Ww]ith\s+(?:(?:\p{Lu}[\p{L}.'’&-]*|and)\s+){0,4}(?:wires?|files|reporting|agencies)\b[^.!?]{0,60}\.?$/u;
/** "Jane Doe Published January 20, 2022 | 02:41 PM": a name, then a labelled time. */
const NAME_THEN_TIME = new RegExp(
  `^((?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,4}?)(?:[|·•,–—-]\\s*)?(?:${anyCase(["published", "updated", "posted", "last updated"])})\\b\\s*:?\\s*(.+)$`,
  "u",
);
const BULLET = /^(?:[-–•*·▪►]|\d{1,2}[.)])\s+(?=\S)/;
const TERMINAL = /[.!?…:;,]$/;

/** Furniture when its kind can be told from the line alone; `beforeBody` allows the forms that only stand above a story. */
export function lineFurniture(text: string, where: { beforeBody: boolean }): AsideKind | null {
  if (text.length > 400) return null;
  if (isPhotoCaption(text)) return "caption";
  if (bylineCredit(text)) return "byline";
  // Every other form is a short line; most lines of an article are sentences far longer.
  if (text.length > 200) return null;
  const line = normalise(text);
  if (isCommentsHeading(line)) return "comments-heading";
  if (isSharePrompt(line)) return "share";
  if (isPromo(text, line)) return "promo";
  if (isNavigation(text, line)) return "navigation";
  if (where.beforeBody && isBylineAbove(text, line)) return "byline";
  if (isRelatedLabel(line) || RELATED_WITH_ITEM.test(text)) return "related";
  return null;
}

/** "Read more", "Related stories", "More from Reuters": a label that opens a list of links. */
export function isRelatedLabel(line: string): boolean {
  if (RELATED_LABELS.has(line)) return true;
  const prefix = words.relatedPrefixes.find((p) => line.startsWith(`${p} `));
  return prefix !== undefined && line.split(" ").length <= prefix.split(" ").length + 4;
}

export function isCommentsHeading(line: string): boolean {
  if (COMMENTS_HEADINGS.has(line)) return true;
  // "12 comments", "Comments (3)".
  return /^\d|\)$/.test(line) && COMMENTS_HEADINGS.has(line.replace(/^\d+\s+/, "").replace(/\s*\(\d+\)$/, ""));
}

/** The byline part of a "Name Published <date>" line, or null: its time is the article's, its name is furniture. */
export function nameThenTime(text: string): { name: string; time: string } | null {
  if (text.length > 120) return null;
  const m = NAME_THEN_TIME.exec(text);
  if (!m || !dateTimeShape(m[2]!, true)?.hasDay) return null;
  return { name: m[1]!.trim(), time: m[2]! };
}

/** "…said. (Reporting by X; Editing by Y)" → the paragraph and its credit. */
export function splitGluedCredit(text: string): { text: string; credit: string } | null {
  const m = text.endsWith(")") ? GLUED_CREDIT.exec(text) : null;
  return m ? { text: m[1]!.trim(), credit: m[2]! } : null;
}

/** Lower case, curly apostrophes straightened, bullets and trailing colons or arrows dropped (the parsers collapse white space). */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/^(?:[-–—•*·▪►>|:]\s*)+|[\s:.…»›>|!-]+$/g, "");
}

function isPhotoCaption(text: string): boolean {
  // Every credit form names a photo word or has an agency's slash: most lines fail this one test.
  if (!text.includes("/") && !PHOTO_WORD.test(text)) return false;
  if (CAPTION_LEAD_IN.test(text) || DASH_CREDIT.test(text) || LABELLED_CREDIT.test(text)) return true;
  if (AGENCY_SLASH_CREDIT.test(text) && !STAFF_WORDS.has(normalise(text).split(" ").at(-1) ?? "")) return true;
  const bracket = BRACKETED_CREDIT.exec(text);
  return bracket !== null && PHOTO_WORD.test(bracket[0]);
}

function isSharePrompt(line: string): boolean {
  const parts = line.split(" ");
  if (parts.length <= 8 && SHARE_VERBS.has(parts[0]!) && (parts.length === 1 || SHARE_OBJECTS.has(parts[1]!) || PLATFORM.test(line))) return true;
  if (parts.length <= 12 && FOLLOW_VERBS.has(parts[0]!) && PLATFORM.test(line)) return true;
  // A share bar read as text: "Facebook Twitter Telegram".
  return parts.length >= 2 && parts.every((p) => PLATFORM.test(p));
}

function isPromo(text: string, line: string): boolean {
  if (PROMO_LINES.has(line)) return true;
  const parts = line.split(" ");
  return parts.length <= 16 && PROMO_PHRASE.test(line) && (PROMO_IMPERATIVE.test(line) || !/[.!?]$/.test(text));
}

function isNavigation(text: string, line: string): boolean {
  if (NAVIGATION_LINES.has(line)) return true;
  if (text.length <= 200 && NAVIGATION_LABEL.test(text) && !/[.!?]$/.test(text)) return true;
  // A breadcrumb: three or more short parts between arrows or bars.
  const crumbs = text.split(/\s+[>›»|/]\s+|\s*[›»]\s*/);
  return text.length <= 120 && crumbs.length >= 3 && crumbs.every((c) => c.length > 0 && c.split(" ").length <= 4 && !TERMINAL.test(c) && /\p{L}/u.test(c));
}

/** Credits that may stand anywhere, usually under the story: "Reporting by …", "With Post wires", "… contributed to this report." */
function bylineCredit(text: string): boolean {
  if (text.includes("contributed") && CONTRIBUTED.test(text)) return true;
  const credit = (/\bby\s/i.test(text) && CREDIT_BY.test(text)) || (/^\W*with\s/i.test(text) && WITH_WIRES.test(text) && text.split(" ").length <= 12);
  return credit && !isProse(text);
}

/** A long lower-case word that no credit holds: "Reporting by local media suggested …" is a sentence. */
function isProse(text: string): boolean {
  return text
    .split(/\s+/)
    .map((t) => t.replace(/^[(“"‘']+|[),;:.”"’']+$/g, ""))
    .some((t) => /^\p{Ll}{4,}/u.test(t) && !CREDIT_SMALL_WORDS.has(t));
}

/** Bylines that only stand above a story: "By Jane Doe, Almaty", a name with its "Published" time, "AFP News Agency". */
function isBylineAbove(text: string, line: string): boolean {
  const by = BY_LINE.exec(text);
  if (by) {
    const rest = by[1]!;
    const endsSentence = /[!?]$/.test(rest) || (/\.$/.test(rest) && !/(?:^|\s|\.)\p{Lu}\.$/u.test(rest));
    return /^\p{Lu}/u.test(rest) && rest.split(/\s+/).length <= 14 && !endsSentence && !isProse(rest);
  }
  if (nameThenTime(text)) return true;
  // "AFP News Agency", "RFE/RL's Kazakh Service": a short credit ending in a newsroom word.
  const parts = line.split(" ");
  const last = parts.at(-1)?.replace(/'s$/, "") ?? "";
  return parts.length <= 6 && /^\p{Lu}/u.test(text) && !TERMINAL.test(text) && STAFF_WORDS.has(last);
}

/**
 * A line as a related-links list holds them: short, not a sentence (a question may be one), begun
 * with a capital, a digit or a quote.
 */
export function isLinkLike(text: string): boolean {
  const body = text.replace(BULLET, "");
  const count = body.split(" ").length;
  if (body.length > 160 || count > 25 || !/^[\p{Lu}\p{N}"“‘'«]/u.test(body)) return false;
  const end = body.replace(/[”"’'»)\]]+$/, "");
  return !/[.!…:;,]$/.test(end) && (!end.endsWith("?") || count <= 12);
}

/** A line opened by a bullet ("- ", "• ", "1. "): an item of a list. */
export function isListItem(text: string): boolean {
  return BULLET.test(text);
}

/** A label after which the short lines are related links ("Related", "Read more"), not "Read more: <title>". */
export function opensLinkList(text: string): boolean {
  return isRelatedLabel(normalise(text));
}

/** One block as a parser read it, with what the page's structure said about it. */
export interface Draft {
  block: Block;
  /** An item of a list: a line opened by a bullet, an HTML <li>. */
  listItem?: boolean;
  /** Text that is mostly link text (HTML). */
  linked?: boolean;
}

const textOf = (block: Block): string | null => (block.type === "heading" || block.type === "paragraph" || block.type === "quote" ? block.text : null);

function aside(kind: AsideKind, text: string, block: Block): Block {
  return { type: "aside", kind, text, ...(block.line === undefined ? {} : { line: block.line }) };
}

/**
 * Turns furniture among the parsed blocks into asides: single lines by their form, then runs
 * (a related label and the links after it, bullet lists of headlines, a teaser card of a repeated
 * title and its unfinished standfirst), glued credits, and headings left with nothing under them
 * at the end of the page. Blocks that are already asides or videos stay as they are.
 */
export function separateFurniture(drafts: readonly Draft[]): Block[] {
  const out: Block[] = [];
  let seenBody = false;
  let inRelated = false;
  for (let i = 0; i < drafts.length; i++) {
    const { block, listItem, linked } = drafts[i]!;
    const text = textOf(block);
    if (text === null) {
      inRelated = block.type === "aside" && block.kind === "related" && opensLinkList(block.text);
      out.push(block);
      continue;
    }
    const bullet = listItem === true || BULLET.test(text);
    if (inRelated && (isLinkLike(text) || linked)) {
      out.push(aside("related", text.replace(BULLET, ""), block));
      continue;
    }
    inRelated = false;
    const kind = lineFurniture(text, { beforeBody: !seenBody });
    if (kind) {
      out.push(aside(kind, text, block));
      inRelated = kind === "related" && opensLinkList(text);
      continue;
    }
    if ((bullet && (linked || (listItem !== true && isLinkLike(text)))) || (linked && isLinkLike(text))) {
      out.push(aside("related", text.replace(BULLET, ""), block));
      continue;
    }
    const card = teaserCard(drafts, i);
    if (card > 0) {
      for (let k = i; k < i + card; k++) out.push(aside("promo", textOf(drafts[k]!.block) ?? "", drafts[k]!.block));
      i += card - 1;
      continue;
    }
    if (block.type === "paragraph") {
      const glued = splitGluedCredit(block.text);
      if (glued) {
        out.push({ ...block, text: glued.text }, aside("byline", glued.credit, block));
        seenBody = true;
        continue;
      }
      seenBody = true;
    }
    out.push(block);
  }
  // Headings with nothing under them at the end of the page are its chrome (section names, tag links).
  for (let i = out.length - 1; i >= 0 && out[i]!.type !== "paragraph" && out[i]!.type !== "quote" && out[i]!.type !== "video"; i--) {
    const block = out[i]!;
    if (block.type === "heading") out[i] = aside("navigation", block.text, block);
  }
  return out;
}

/**
 * A teaser for another story: its title twice in a row (kicker and headline, often in different
 * case), then maybe a standfirst that does not end as a sentence. Returns how many drafts it spans.
 */
function teaserCard(drafts: readonly Draft[], i: number): number {
  const first = textOf(drafts[i]!.block);
  const second = drafts[i + 1] ? textOf(drafts[i + 1]!.block) : null;
  if (!first || !second || Math.abs(first.length - second.length) > 3 || !isLinkLike(first) || normalise(first) !== normalise(second)) return 0;
  const standfirst = drafts[i + 2] ? textOf(drafts[i + 2]!.block) : null;
  const unfinished = standfirst !== null && standfirst.length <= 300 && !/[.!?…]["”’»)]*$/.test(standfirst);
  return unfinished ? 3 : 2;
}

/** The first paragraph that is not furniture is the lead: pages put their teaser first, and so does the text format. */
export function markLead(blocks: Block[]): void {
  const first = blocks.find((b) => b.type === "paragraph");
  if (first?.type === "paragraph") first.lead = true;
}
