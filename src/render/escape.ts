import { escapeMarkdown } from "discord.js";
import { httpUrl } from "../http-url.js";

const ZERO_WIDTH_SPACE = "\u200b";

/**
 * Article text is third-party: its markdown must show as typed and its mention syntax must neither
 * ping (allowedMentions already forbids that on the client) nor render as a pill that looks like one.
 */
export function escapeArticleText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/<(@[!&]?|#)(\d+)>/g, "\\<$1$2>")
    .replace(/@(everyone|here)\b/g, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/^(\s*)>/gm, "$1\\>");
}

/** For a URL taken from an article: only http(s) links are shown as links, anything else is dropped. */
export const safeUrl = (url: string | null | undefined): string | null => httpUrl(url);
