/**
 * Every text field of an article (title, blocks, captions, comments, outlet) comes from a third
 * party and ends up in Discord posts, embeds and terminals. Two kinds of content in it are not text
 * and are removed when it is parsed, before any other rule looks at it.
 *
 * Chat markup. `<@123>`, `<@!123>` (users), `<@&999>` (roles), `<#789>` (channels), `</cmd:1>`
 * (commands), `<:name:123>`, `<a:name:123>` (custom emoji), `<t:1641600000:R>` (time stamps) and
 * `<id:browse>` (guild navigation) are Discord's syntax for objects by id. Their numbers are ids,
 * not quantities ("arrested <@&999> people" must never give "arrested: 999"), the name they stand
 * for is not in the page, and echoed into a post they would render as live mentions. Each is
 * removed, leaving one space where it stood between two words ("arrested<@&999>people" becomes
 * "arrested people"), so nothing of it reaches extraction and the words around it stay apart.
 *
 * Invisible controls. Format characters (Unicode category Cf: bidi embeddings, overrides and
 * isolates U+202A–U+202E and U+2066–U+2069, LRM/RLM, zero-width space, word joiner, soft hyphen,
 * BOM, invisible operators, tags) and C0/C1 controls other than tab and line breaks change how text
 * displays (a right-to-left override reverses an embed title) or hide characters inside words and
 * markup (`<@\u200B&999>`) without adding anything a reader sees, so they are deleted. Three are
 * kept where they are part of the writing: ZWNJ and ZWJ between the letters of scripts whose
 * letters join (Arabic, Persian "می‌خواهم", Syriac, Mongolian, N'Ko and the Brahmic scripts, where
 * they choose a letter form), ZWJ inside an emoji sequence (👩‍⚕️), and the tag characters of a
 * subdivision flag (🏴 + tags + cancel tag). A joiner between Latin, Cyrillic or Greek letters has
 * no such use and is deleted like the rest.
 */

/** With the spaces before it, so that "involved <:kz:1>." does not leave "involved ." behind. */
const CHAT_MARKUP = /[ \t]*<(?:@[!&]?\d+|#\d+|\/[\w -]{1,64}:\d+|a?:\w{1,32}:\d+|t:-?\d+(?::[tTdDfFR])?|id:\w+)>/g;
const WORD_AFTER = /^[^\s.,;:!?)\]}»”’"']/u;

/** A subdivision flag kept whole; any other format or control character; ZWNJ and ZWJ decided by their neighbours. */
const INVISIBLE = /(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})|[\u200C\u200D]|[\p{Cf}\p{Cc}]/gu;
const KEPT_CONTROLS = new Set(["\n", "\r", "\t"]);
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Mongolian}\p{Script=Nko}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const EMOJI_BEFORE_JOINER = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\u20E3]/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
/** Text of these characters alone holds nothing to remove: skip the regexes (most article text is like this). */
const PLAIN = /^[\x20-\x3B\x3D\x3F-\x7E\n\r\t\u00A0-\u00AC\u00AE-\u05FF]*$/;

export function cleanUntrustedText(text: string): string {
  if (PLAIN.test(text)) return text;
  const visible = text.replace(INVISIBLE, (match: string, flag: string | undefined, offset: number) => {
    if (flag !== undefined || KEPT_CONTROLS.has(match)) return match;
    if ((match === "\u200C" || match === "\u200D") && joins(text, offset, match)) return match;
    return "";
  });
  return visible.replace(CHAT_MARKUP, (markup: string, offset: number, whole: string) => {
    const afterWord = WORD_AFTER.test(whole.charAt(offset + markup.length));
    return offset > 0 && afterWord ? " " : "";
  });
}

/** The same for a field that may be absent. */
export function cleanOptionalText(text: string | null): string | null {
  if (text === null) return null;
  return cleanUntrustedText(text).replace(/\s+/g, " ").trim() || null;
}

function joins(text: string, offset: number, joiner: string): boolean {
  const before = codePointBefore(text, offset);
  const after = String.fromCodePoint(text.codePointAt(offset + 1) ?? 0x20);
  if (JOINING_SCRIPT.test(before) && LETTER_OR_MARK.test(after)) return true;
  return joiner === "\u200D" && EMOJI_BEFORE_JOINER.test(before) && PICTOGRAPHIC.test(after);
}

function codePointBefore(text: string, offset: number): string {
  if (offset === 0) return " ";
  const low = text.charCodeAt(offset - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && offset >= 2 ? offset - 2 : offset - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? 0x20);
}
