import type { Block, Dateline, ParagraphBlock } from "./article.js";
import { dateTimeShape } from "./times.js";

/**
 * Datelines: the place, date and agency a report was filed under, opening its lead ("ALMATY, Jan 9
 * (Reuters) —", "NUR-SULTAN, Kazakhstan (AP) —", "TARAZ, Jan. 8 (Kazinform) --", "ANKARA (TASS):",
 * "PARIS —", "(Berlin) –"), and the masthead residue copy-paste leaves in their place ("Iran
 * PressEurope: It said …", an outlet's name glued to its section). Both are taken out of the
 * paragraph's text and kept as its `dateline`: they say where and when, never who said something.
 */

interface DatelineParts {
  place: string | null;
  agency: string | null;
  /** The comma parts that read as a date ("Jan. 6, 2022"), for the caller to read in its zone. */
  dateText: string | null;
  body: string;
}

/** Place, up to three comma qualifiers (country, date), an agency in brackets (maybe empty or unclosed), a dash or colon. */
const DATELINE =
  /^(\p{Lu}[\p{L}.'’\- ]{1,40}?)((?:,\s*[^,()\n]{1,30}){0,3}?)\s*(?:\(((?:[^()\n:–—-]|(?<=\p{L})-(?=\p{L})){0,30})\)?)?\s*([-–—]{1,2}|:)\s+(\S.*)$/u;
/** "(Berlin) – …": NGOs and press releases put the place alone in brackets. */
const BRACKETED_PLACE = /^\((\p{Lu}[\p{L}.'’\- ]{1,40})\)\s*[-–—]{1,2}\s+(\S.*)$/u;
/** "Iran PressEurope: …": a capitalised prefix of two to five words before a colon, one word glued from two. */
const MASTHEAD_PREFIX = /^((?:\p{Lu}[\p{L}'’&.-]*\s){0,4}\p{Lu}[\p{L}'’&.-]*):\s+(\p{Lu}.*)$/u;
const GLUED_WORD = /^(\p{Lu}\p{Ll}{3,})(\p{Lu}\p{Ll}+)$/u;
/** A masthead left by copy-paste can sit below a short lead, not further down. */
const MASTHEAD_PARAGRAPHS = 3;

export function readDateline(text: string): DatelineParts | null {
  const bracketed = BRACKETED_PLACE.exec(text);
  if (bracketed) return { place: bracketed[1]!, agency: null, dateText: null, body: bracketed[2]! };
  const m = DATELINE.exec(text);
  if (!m) return null;
  const place = m[1]!.trim();
  const qualifiers = (m[2] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bracket = m[3] !== undefined;
  const agency = m[3]?.trim() || null;
  const colon = m[4] === ":";
  const body = m[5]!;
  const capitals = /\p{L}{2}/u.test(place) && place === place.toUpperCase();
  // A mixed-case place needs the agency's brackets ("Almaty (dpa) -"), a colon an agency or a place
  // in capitals ("ANKARA (TASS):"), and a place in capitals alone a new sentence after it ("PARIS — French …").
  if (!capitals && !bracket) return null;
  if (colon && !capitals && agency === null) return null;
  if (agency === null && !/^[\p{Lu}\p{N}"“‘'«]/u.test(body)) return null;
  const firstDated = qualifiers.findIndex((q) => dateTimeShape(q, true)?.hasDay);
  // "Jan. 6, 2022" spans two comma parts.
  const dateText = firstDated === -1 ? null : qualifiers.slice(firstDated).join(", ");
  return { place, agency, dateText, body };
}

function readMasthead(text: string): DatelineParts | null {
  const m = MASTHEAD_PREFIX.exec(text);
  if (!m) return null;
  const tokens = m[1]!.split(" ");
  const gluedAt = tokens.findIndex((t) => GLUED_WORD.test(t));
  if (gluedAt < 1) return null; // the outlet's name has at least two words ("Iran Press"), else "NetBlocks:" would be split
  const [, end, start] = GLUED_WORD.exec(tokens[gluedAt]!)!;
  return {
    agency: [...tokens.slice(0, gluedAt), end].join(" "),
    place: [start, ...tokens.slice(gluedAt + 1)].join(" "),
    dateText: null,
    body: m[2]!,
  };
}

/**
 * Takes the dateline off the lead (and masthead residue off the first paragraphs), recording each
 * in its paragraph. Returns the lead's dateline: its agency is the fallback outlet, its date the
 * fallback as-of time.
 */
export function takeDatelines(blocks: Block[], read: (dateText: string) => string | null): Dateline | null {
  const paragraphs = blocks.filter((b): b is ParagraphBlock => b.type === "paragraph").slice(0, MASTHEAD_PARAGRAPHS);
  let lead: Dateline | null = null;
  paragraphs.forEach((paragraph, index) => {
    const parts = (index === 0 ? readDateline(paragraph.text) : null) ?? readMasthead(paragraph.text);
    if (!parts) return;
    const dateline: Dateline = {
      text: paragraph.text.slice(0, paragraph.text.length - parts.body.length).trim(),
      place: parts.place,
      agency: parts.agency,
      at: parts.dateText ? read(parts.dateText) : null,
    };
    paragraph.text = parts.body;
    paragraph.dateline = dateline;
    lead ??= dateline;
  });
  return lead;
}
