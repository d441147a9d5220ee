import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/ingest/article.js";
import { ArticleInputError } from "../../src/ingest/errors.js";
import { MAX_ARTICLE_BYTES } from "../../src/ingest/limits.js";
import { readArticleFile } from "../../src/ingest/read-file.js";

const FIXTURES = "test/fixtures/articles";
const dir = mkdtempSync(join(tmpdir(), "read-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function refusal(path: string): ArticleInputError {
  try {
    readArticleFile(path);
  } catch (error) {
    if (error instanceof ArticleInputError) return error;
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

const headings = (blocks: Block[]) => blocks.flatMap((b) => (b.type === "heading" ? [b.text] : []));

describe("articles in other shapes", () => {
  it("reads wire copy: GMT time line, dateline taken off the lead, agency as outlet, byline and credits kept apart", () => {
    const a = readArticleFile(`${FIXTURES}/wire-dateline.txt`);
    expect(a.asOf).toBe("2022-01-07T11:48:00+00:00");
    expect(a.outlet).toBe("Reuters");
    const news = a.blocks.filter((b) => b.type !== "aside");
    expect(news[0]).toMatchObject({
      type: "paragraph",
      lead: true,
      line: 6,
      dateline: { text: "ALMATY, Jan 7 (Reuters) -", place: "ALMATY", agency: "Reuters", at: "2022-01-07T00:00:00+00:00" },
    });
    expect(news[0]?.type === "paragraph" && news[0].text).toMatch(/^Kazakhstan's president said on Friday that constitutional order/);
    expect(news.every((b) => b.type === "paragraph")).toBe(true);
    expect(news.map((b) => (b.type === "paragraph" ? b.text : "")).join(" ")).not.toMatch(/ALMATY|Olga Petrova|Editing by/);
    expect(a.blocks.filter((b) => b.type === "aside")).toEqual([
      { type: "aside", kind: "byline", text: "By Olga Petrova and Daniyar Sultanov", line: 2 },
      { type: "aside", kind: "byline", text: "Reporting by Olga Petrova; Editing by Mark Hollis", line: 22 },
    ]);
  });

  it("stamps live-blog entries with their times, reading bare times in the zone the blog states", () => {
    const a = readArticleFile(`${FIXTURES}/live-blog.txt`);
    expect(a.asOf).toBe("2022-01-06T10:40:00+01:00");
    const stamps = a.blocks.map((b) => [b.type, "at" in b ? b.at : undefined, b.line]);
    expect(stamps).toEqual([
      ["paragraph", undefined, 4],
      ["heading", "2022-01-06T10:40:00+01:00", 7],
      ["paragraph", "2022-01-06T10:40:00+01:00", 9],
      ["paragraph", "2022-01-06T10:05:00+01:00", 13],
      ["heading", "2022-01-06T09:30:00+01:00", 16],
      ["paragraph", "2022-01-06T09:30:00+01:00", 18],
    ]);
    expect(headings(a.blocks)).toEqual(["First transport planes land near Almaty", "Internet blackout continues"]);
  });

  it("reads a translated page with front matter: its URL, a Berlin 'Updated:' time and a video with its link", () => {
    const a = readArticleFile(`${FIXTURES}/translated-page.md`);
    expect(a.url).toBe("https://www.dw.com/en/kazakhstan-unrest-explainer/a-60351234");
    expect(a.title).toBe("Why fuel prices set Kazakhstan alight");
    expect(a.asOf).toBe("2022-01-08T14:03:00+01:00");
    expect(a.blocks.filter((b) => b.type === "paragraph")).toHaveLength(4);
    expect(a.blocks.find((b) => b.type === "video")).toEqual({
      type: "video",
      title: "Empty streets in Almaty after days of unrest",
      reporter: "Markus Lehmann",
      outlet: "DW Moscow",
      programme: null,
      airedAt: "2022-01-08T10:15:00+01:00",
      url: "https://www.dw.com/en/empty-streets-in-almaty/video-60351299",
      line: 14,
    });
  });

  it("splits a comments section into one entry per commenter, with or without avatars", () => {
    const a = readArticleFile(`${FIXTURES}/with-comments.txt`);
    expect(a.comments).toEqual([
      {
        author: "Aigerim K.",
        postedAt: "2022-01-05T20:02:00+00:00",
        text: "Finally some reaction from the government.\nBut will it last? Prices went up again last time.",
        line: 12,
      },
      { author: "Tom Becker", postedAt: "2022-01-05T20:15:00+00:00", text: "A price cap alone does not fix the wages.", line: 18 },
      {
        author: "nomad_77",
        postedAt: "2022-01-06T06:40:00+00:00",
        text: "Replying to Tom Becker:\nAgreed. People in the west of the country have been angry for years.",
        line: 24,
      },
    ]);
    expect(a.blocks).toHaveLength(2);
    expect(JSON.stringify(a.blocks)).not.toMatch(/Aigerim|comments|wages/);
  });

  it("takes url, outlet and zone from a sidecar meta.json", () => {
    const a = readArticleFile(`${FIXTURES}/sidecar.txt`);
    expect(a).toMatchObject({
      url: "https://almaty-daily.example/news/night-of-gunfire",
      outlet: "Almaty Daily",
      asOf: "2022-01-07T21:30:00+06:00",
    });
    expect(headings(a.blocks)).toEqual(["Shooting near the square"]);
  });

  it("strips a BOM and reads CRLF files like LF files", () => {
    const a = readArticleFile(write("crlf.txt", "\uFEFFTitle here\r\n\r\nFirst line of text\r\ncontinues here.\r\n"));
    expect(a.title).toBe("Title here");
    expect(a.blocks).toEqual([{ type: "paragraph", text: "First line of text continues here.", line: 3, lead: true }]);
  });
});

describe("malformed inputs", () => {
  it("refuses an empty file", () => {
    expect(refusal(write("empty.txt", "")).reason).toMatch(/empty/);
    expect(refusal(write("blank.txt", "\n  \n\t\n")).reason).toMatch(/empty/);
  });

  it("refuses a binary file, naming the line of its first NUL byte", () => {
    const bytes = Buffer.concat([Buffer.from("PNG-ish\nline two\n"), Buffer.from([0x89, 0x00, 0x1a, 0x0a, 0x00])]);
    const error = refusal(write("image.txt", bytes));
    expect(error.reason).toMatch(/binary/);
    expect(error.line).toBe(3);
  });

  it("refuses text made mostly of control characters", () => {
    expect(refusal(write("controls.txt", "Title\n" + "\u0001\u0002\u0003ab".repeat(50))).reason).toMatch(/binary/);
  });

  it("refuses a file with no title", () => {
    const error = refusal(write("no-title.txt", "\n\nAs of: January 8th, 2022 9:12 a.m.\n\nThe text.\n"));
    expect(error.reason).toMatch(/no title/);
    expect(error.line).toBe(3);
  });

  it("refuses 10 MB of text before parsing it", () => {
    const big = write("big.txt", "Title\n\n" + "Lorem ipsum dolor sit amet.\n".repeat((10 * 1024 * 1024) / 28));
    const error = refusal(big);
    expect(error.reason).toMatch(/too large/);
    expect(error.reason).toContain(String(MAX_ARTICLE_BYTES));
  });

  it("refuses broken UTF-8, naming the line of the first bad byte", () => {
    const bytes = Buffer.concat([Buffer.from("Title\n\nGood line\nbad "), Buffer.from([0xc3, 0x28]), Buffer.from(" byte\n")]);
    const error = refusal(write("latin.txt", bytes));
    expect(error.reason).toMatch(/not valid UTF-8/);
    expect(error.line).toBe(4);
  });

  it("refuses front matter with an invalid url, naming its line", () => {
    const error = refusal(write("bad-url.txt", "---\noutlet: Example\nurl: not a url\n---\nTitle\n\nText.\n"));
    expect(error.reason).toMatch(/front matter url/);
    expect(error.line).toBe(3);
  });

  it("refuses front matter with an unknown key or zone, or that is never closed", () => {
    expect(refusal(write("key.txt", "---\nauthor: X\n---\nTitle\n\nText.\n"))).toMatchObject({
      line: 2,
      reason: expect.stringMatching(/unknown key "author"/),
    });
    expect(refusal(write("zone.txt", "---\ntimeZone: Mars/Olympus\n---\nTitle\n\nText.\n"))).toMatchObject({
      line: 2,
      reason: expect.stringMatching(/unknown time zone/),
    });
    expect(refusal(write("open.txt", "---\nurl: https://a.example/\nTitle\n\nText.\n"))).toMatchObject({
      line: 1,
      reason: expect.stringMatching(/never closed/),
    });
  });

  it("refuses a sidecar with a bad field, naming the sidecar", () => {
    const path = write("side.txt", "Title\n\nText.\n");
    write("side.txt.meta.json", JSON.stringify({ url: "ftp://files.example/x" }));
    const error = refusal(path);
    expect(error.origin).toBe(`${path}.meta.json`);
    expect(error.reason).toMatch(/field url/);
  });

  it("refuses an article with a title but no paragraph", () => {
    expect(refusal(write("headline-only.txt", "Just a headline\n\nsource site\n")).reason).toMatch(/no body text/);
  });

  it("refuses an unreadable As of: date with its line instead of storing the article undated", () => {
    const error = refusal(write("banana.txt", "Curfew extended\nAs of: yesterday-ish banana\n\nThe curfew was extended, officials said.\n"));
    expect(error).toMatchObject({ line: 2, reason: expect.stringMatching(/^unreadable "As of:" date "yesterday-ish banana"/) });
  });

  it("refuses an As of: date without a year unless the file's metadata gives one", () => {
    const yearless = "Curfew extended\nAs of: January 8 9:12\n\nThe curfew was extended, officials said.\n";
    expect(refusal(write("yearless.txt", yearless))).toMatchObject({ line: 2, reason: expect.stringMatching(/gives no year/) });
    const dated = readArticleFile(write("yearless-meta.txt", `---\nasOf: 2022-01-07\n---\n${yearless}`));
    expect(dated).toMatchObject({ asOf: "2022-01-08T09:12:00+00:00", asOfFrom: "article" });
  });
});
