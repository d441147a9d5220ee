import { describe, expect, it } from "vitest";
import { rejectingParseErrors } from "../../src/ingest/errors.js";
import { parseArticleHtml } from "../../src/ingest/html.js";
import { MAX_BLOCK_CHARS, MAX_BLOCKS, MAX_ELEMENTS, MAX_NESTING, MAX_TEXT_LINES } from "../../src/ingest/limits.js";
import { measureMarkup } from "../../src/ingest/markup-scan.js";
import { parseArticleText } from "../../src/ingest/text.js";
import { inputError } from "./input-error.js";

const LEAD = "<p>Police detained dozens of people in Almaty on Friday, the interior ministry said in a statement on its website.</p>";
const nested = (depth: number) => `<html><head><title>Deep page</title></head><body>${"<div>".repeat(depth)}${LEAD}${"</div>".repeat(depth)}</body></html>`;

describe("deeply nested pages", () => {
  it("refuses 10,000 nested <div>s with the depth, before the parser or Readability overflow their stack", () => {
    const error = inputError(() => parseArticleHtml(nested(10_000), "deep.html"));
    expect(error).toMatchObject({ origin: "deep.html", reason: expect.stringMatching(/nests elements 10002 deep/) });
  });

  it("refuses 2,000 levels (minutes inside Readability) and still reads a page nested 100 deep", () => {
    expect(inputError(() => parseArticleHtml(nested(2_000), "deep.html")).reason).toMatch(/nests elements 2002 deep/);
    expect(parseArticleHtml(nested(100), "ok.html").blocks).toHaveLength(1);
  });

  it("counts depth as the parser builds it: void elements, self-closing svg parts and repeated <p>/<li> add none, <div/> does", () => {
    expect(measureMarkup(`<div>${"<br><img src=x><p>text".repeat(500)}</div>`).depth).toBe(1);
    expect(measureMarkup(`<svg>${"<path d='M0'/>".repeat(500)}</svg>`).depth).toBe(1);
    expect(measureMarkup(`<ul>${"<li>item".repeat(500)}</ul>`).depth).toBe(1);
    expect(measureMarkup("<div/>".repeat(MAX_NESTING + 1)).depth).toBe(MAX_NESTING + 1);
    expect(measureMarkup(`<script>${"<div>".repeat(500)}</script><!-- ${"<div>".repeat(500)} -->`).depth).toBe(1);
  });

  it("turns any other parser exception into a rejection of that input alone", () => {
    const error = inputError(() =>
      rejectingParseErrors("page.html", () => {
        throw new RangeError("Maximum call stack size exceeded");
      }),
    );
    expect(error).toMatchObject({ origin: "page.html", reason: "could not be read as an article: the parser gave up (Maximum call stack size exceeded)" });
  });
});

describe("size budgets", () => {
  it(`refuses a page of more than ${MAX_ELEMENTS} elements before parsing it`, () => {
    const page = `<html><head><title>Many</title></head><body><article>${"<p>Row x</p>".repeat(MAX_ELEMENTS)}</article></body></html>`;
    expect(inputError(() => parseArticleHtml(page, "many.html")).reason).toMatch(new RegExp(`${MAX_ELEMENTS + 5} elements, more than the ${MAX_ELEMENTS}`));
  });

  it(`refuses a text of more than ${MAX_TEXT_LINES} lines, and an article of more than ${MAX_BLOCKS} blocks`, () => {
    const lines = `Many lines\n\n${"Row x.\n".repeat(MAX_TEXT_LINES + 1)}`;
    expect(inputError(() => parseArticleText(lines, "lines.txt")).reason).toMatch(/too many lines: 20001 lines/);
    const paragraphs = `Many paragraphs\n\n${"Police patrolled the square on Sunday.\n\n".repeat(MAX_BLOCKS + 1)}`;
    expect(inputError(() => parseArticleText(paragraphs, "blocks.txt")).reason).toMatch(/too many blocks: 5001 paragraphs/);
  });

  it(`splits a paragraph longer than ${MAX_BLOCK_CHARS} characters at sentence ends, losing nothing`, () => {
    const sentence = "Security forces patrolled the streets of Almaty on Sunday. ";
    const long = sentence.repeat(420).trim();
    const a = parseArticleText(`One long paragraph\n\n${long}`, "long.txt");
    const pieces = a.blocks.flatMap((b) => (b.type === "paragraph" ? [b] : []));
    expect(pieces.length).toBe(3);
    expect(pieces.every((p) => p.text.length <= MAX_BLOCK_CHARS && p.text.endsWith("Sunday."))).toBe(true);
    expect(pieces.map((p) => p.text).join(" ")).toBe(long);
    expect(pieces.map((p) => p.lead ?? false)).toEqual([true, false, false]);
    expect(pieces.every((p) => p.line === 3)).toBe(true);
  });
});
