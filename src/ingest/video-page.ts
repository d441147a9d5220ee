import type { Block, VideoBlock } from "./article.js";

/**
 * A page that *is* a video: a broadcaster's or newspaper's video page, a title and a short
 * description under the player. It is told by a short body together with at least one sign that
 * the page presents a video: its URL's path ("/video/", "/videos/", "/av/", "…-video"), a title
 * marker ("… – video", "… | Video", "Video: …", "WATCH: …") or, in HTML, its metadata (og:type
 * video.*, a JSON-LD VideoObject as the page's own type). A long article with "(Video)" in its
 * headline, or one that mentions a video, is not one: no sign, or no short body.
 */

const URL_SAYS_VIDEO = /\/(?:videos?|av|watch|clips?|mediathek)(?:\/|$)|\/(?:video|av)-[\w-]+|[-_]video(?:\/|\.html?|$)/i;
const TRAILING_MARKER = /\s*[-–—|:]\s*(?:videos?|watch)\s*$/i;
const LEADING_MARKER = /^(?:video|watch|watch live|in video|video report)\s*[:|–—-]\s*(?=\S)/i;
/** A description, not an article: a few paragraphs of a few hundred characters. */
const MAX_DESCRIPTION_PARAGRAPHS = 5;
const MAX_DESCRIPTION_CHARS = 1_500;

export interface VideoPage {
  title: string;
  url: string | null;
  outlet: string | null;
  asOf: string | null;
  /** Line of the title in a text file. */
  line?: number;
  /** The page's metadata says it is a video (og:type, JSON-LD): HTML only. */
  metadataSaysVideo?: boolean;
}

/** The video a video page presents, or null when the page is not one (or already holds its video as a block). */
export function videoOfPage(page: VideoPage, blocks: readonly Block[]): VideoBlock | null {
  if (blocks.some((b) => b.type === "video")) return null;
  const paragraphs = blocks.filter((b) => b.type === "paragraph");
  const chars = paragraphs.reduce((n, b) => n + (b.type === "paragraph" ? b.text.length : 0), 0);
  if (paragraphs.length === 0 || paragraphs.length > MAX_DESCRIPTION_PARAGRAPHS || chars > MAX_DESCRIPTION_CHARS) return null;
  const marked = TRAILING_MARKER.test(page.title) || LEADING_MARKER.test(page.title);
  if (!marked && !urlSaysVideo(page.url) && page.metadataSaysVideo !== true) return null;
  const title = page.title.replace(TRAILING_MARKER, "").replace(LEADING_MARKER, "").trim() || page.title;
  return {
    type: "video",
    title,
    reporter: null,
    outlet: page.outlet,
    programme: null,
    airedAt: page.asOf,
    url: page.url,
    ...(page.line === undefined ? {} : { line: page.line }),
  };
}

function urlSaysVideo(url: string | null): boolean {
  if (!url) return false;
  try {
    return URL_SAYS_VIDEO.test(new URL(url).pathname);
  } catch {
    return false;
  }
}
