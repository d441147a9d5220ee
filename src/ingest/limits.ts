import type { Block } from "./article.js";
import { ArticleInputError } from "./errors.js";

/**
 * What one article may be, so that no file or page can take the bot's memory or stall it. Real
 * articles sit far below each bound (a long wire story is 10-60 blocks of under 2,000 characters;
 * a busy live blog a few hundred entries); what exceeds one is a wrong file, a whole site or a
 * hostile page, refused with the reason, or, for an over-long paragraph, split without loss.
 */

/** Articles are a few KB; anything this big is a wrong file, refused before it is read. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;
/** Blocks (paragraphs, headings, quotes, videos, asides) per article; more is refused. */
export const MAX_BLOCKS = 5_000;
/**
 * Non-empty lines of a text file, checked before they are read into blocks (hard-wrapped text
 * takes a few lines per paragraph); more than this cannot make an article of MAX_BLOCKS blocks
 * worth reading, and reading 100,000 lines first would cost seconds.
 */
export const MAX_TEXT_LINES = 4 * MAX_BLOCKS;
/** Characters per block; a longer one is split at sentence ends into blocks this long at most. */
export const MAX_BLOCK_CHARS = 10_000;
/**
 * Elements of an HTML page, counted before it is parsed. News pages have 1,000-10,000 (a saved page
 * of 2 MB, the file limit, rarely more than 20,000); the DOM, Readability's copy of it and our marks
 * cost ~5 KB per element and the parse ~0.1 ms, so 100,000 `<p>` peaked at 845 MB and 11 s.
 */
export const MAX_ELEMENTS = 25_000;
/**
 * How deep an HTML page may nest elements, measured before it is parsed. Article pages nest 15-60
 * deep; the parser's and Readability's costs grow with the square of the depth and more (2,000
 * levels: minutes; 10,000: a stack overflow).
 */
export const MAX_NESTING = 128;

/**
 * CPU time one article may take in each pass: parsing, then analysis with extraction (see
 * budget.ts). A seed-sized article takes 5-10 ms in all, a long live blog of 100 KB a few hundred;
 * a page of thousands of distinct names took 10 s to analyse before this bound, and 2 MB of it
 * would have taken many minutes.
 */
export const MAX_ARTICLE_CPU_MS = 1_000;

/**
 * Splits blocks longer than MAX_BLOCK_CHARS (the pieces keep the block's kind, line and time; the
 * first keeps its lead and dateline) and refuses an article of more than MAX_BLOCKS blocks.
 */
export function boundBlocks(blocks: readonly Block[], origin: string): Block[] {
  const bounded = blocks.flatMap(splitLong);
  if (bounded.length > MAX_BLOCKS) {
    throw new ArticleInputError(
      origin,
      `too many blocks: ${bounded.length} paragraphs, headings and other blocks, more than the ${MAX_BLOCKS} one article may have (a whole site or a data dump?)`,
    );
  }
  return bounded;
}

/** Refuses a text of more than MAX_TEXT_LINES non-empty lines before it is read into blocks. */
export function boundLines(count: number, origin: string): void {
  if (count > MAX_TEXT_LINES) {
    throw new ArticleInputError(
      origin,
      `too many lines: ${count} lines of text, more than the ${MAX_TEXT_LINES} an article file may have (a whole site or a data dump?)`,
    );
  }
}

function splitLong(block: Block): Block[] {
  if (block.type === "video" || block.text.length <= MAX_BLOCK_CHARS) return [block];
  const pieces = splitText(block.text);
  return pieces.map((text, i) => {
    if (i === 0) return { ...block, text };
    if (block.type === "paragraph") {
      const { lead: _lead, dateline: _dateline, ...rest } = block;
      return { ...rest, text };
    }
    return { ...block, text };
  });
}

/** Pieces of at most MAX_BLOCK_CHARS, cut after the last sentence end in the second half, else at a space; linear in the length. */
function splitText(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > MAX_BLOCK_CHARS) {
    const window = text.slice(start, start + MAX_BLOCK_CHARS);
    const half = MAX_BLOCK_CHARS / 2;
    const sentenceEnd = Math.max(window.lastIndexOf(". "), window.lastIndexOf("! "), window.lastIndexOf("? "));
    const space = window.lastIndexOf(" ");
    let cut = sentenceEnd >= half ? sentenceEnd + 1 : space >= half ? space : MAX_BLOCK_CHARS;
    // Never between the halves of a surrogate pair.
    if (cut === MAX_BLOCK_CHARS && /[\uD800-\uDBFF]/.test(window.charAt(cut - 1))) cut--;
    pieces.push(window.slice(0, cut).trim());
    start += cut;
  }
  pieces.push(text.slice(start).trim());
  return pieces.filter((p) => p !== "");
}
