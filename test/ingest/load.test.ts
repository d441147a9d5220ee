import { mkdtempSync, rmSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isArticleFile, loadArticles } from "../../src/ingest/load.js";
import { readArticleFile } from "../../src/ingest/read-file.js";
import { readArticleFiles } from "../../src/pipeline/store-articles.js";
import { inputError } from "./input-error.js";

const dir = mkdtempSync(join(tmpdir(), "load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = "Curfew extended in Almaty\nAs of: January 9, 2022 8:00\n\nThe curfew in Almaty was extended until January 19, officials said.\n";

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const fullItem = (
  n: number,
) => `<item><title>Report ${n}</title><link>https://wire.example/report-${n}</link><pubDate>Sat, 08 Jan 2022 0${n}:00:00 GMT</pubDate>
  <content:encoded><![CDATA[<p>Report ${n}: soldiers of the alliance guarded the airport and the television centre in Almaty on Saturday, the defence ministry said in a statement.</p>
  <p>Shops in the centre opened for a few hours and queues formed outside the bank branches that had cash. Mobile internet worked again in parts of the city.</p>
  <p>The ministry said the soldiers would stay until the situation was stable, which it expected within days rather than weeks.</p>]]></content:encoded></item>`;
const feed = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title><link>https://wire.example/</link>${items}</channel></rss>`;

describe("feed files", () => {
  it("reads a saved feed as one article per item that carries its whole report", () => {
    const path = write("wire.xml", feed(fullItem(1) + fullItem(2)));
    expect(isArticleFile(path)).toBe(true);
    const articles = loadArticles(path);
    expect(articles.map((a) => [a.title, a.url, a.asOf])).toEqual([
      ["Report 1", "https://wire.example/report-1", "2022-01-08T01:00:00Z"],
      ["Report 2", "https://wire.example/report-2", "2022-01-08T02:00:00Z"],
    ]);
  });

  it("reads a feed by its root element whatever the file is called", () => {
    expect(loadArticles(write("wire-feed.txt", feed(fullItem(3))))).toHaveLength(1);
  });

  it("refuses a feed whose items are teasers, naming the first and saying how to get them", () => {
    const teaser = "<item><title>Troops arrive</title><link>https://wire.example/troops</link><description>Teaser.</description></item>";
    const error = inputError(() => loadArticles(write("teasers.xml", feed(fullItem(1) + teaser))));
    expect(error.reason).toBe(
      '1 of 2 feed items carry only a teaser or a link (first: "Troops arrive" at https://wire.example/troops); a feed file cannot fetch their pages: ingest the feed by its URL, or save the pages',
    );
  });
});

describe("files that are not UTF-8", () => {
  it("reads UTF-16 text with its byte-order mark, little- and big-endian", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, "utf16le")]);
    const be = Buffer.from(le.subarray(2)).swap16();
    for (const bytes of [le, Buffer.concat([Buffer.from([0xfe, 0xff]), be])]) {
      const [article] = loadArticles(write("utf16.txt", bytes));
      expect(article).toMatchObject({ title: "Curfew extended in Almaty", asOf: "2022-01-09T08:00:00+00:00" });
    }
  });

  it("names UTF-16 without a byte-order mark instead of calling it binary", () => {
    const error = inputError(() => loadArticles(write("utf16-nobom.txt", Buffer.from(GOOD, "utf16le"))));
    expect(error.reason).toBe("file is UTF-16 text without a byte-order mark: save it as UTF-8 (or as UTF-16 with its byte-order mark)");
  });
});

describe("size and faults", () => {
  it("refuses an HTML file over the limit from its size, without reading it (3 GiB, sparse)", () => {
    // A sparse file uses no disk, but reading it would fail past 2 GiB (and fill memory below that).
    const path = write("huge.html", "");
    truncateSync(path, 3 * 2 ** 30);
    expect(inputError(() => loadArticles(path)).reason).toBe("file is too large: 3221225472 bytes, the limit is 2097152");
  });

  it("rejects a page that breaks the parser as that file alone: the article beside it is still read", () => {
    const deep = write("deep.html", `<html><head><title>Deep</title></head><body>${"<div>".repeat(10_000)}<p>Text.</p></body></html>`);
    const good = write("good.txt", GOOD);
    const { articles, errors } = readArticleFiles([deep, good]);
    expect(articles.map((a) => a.origin)).toEqual([good]);
    expect(errors.map((e) => [e.origin, e.reason])).toEqual([[deep, expect.stringMatching(/nests elements 10002 deep/)]]);
  });
});

describe("an article that states no time", () => {
  const body = "Curfew extended in Almaty\n\nThe curfew in Almaty was extended until January 19, officials said.\n";

  it("is dated by the file's modification time, and says so", () => {
    const path = write("undated.txt", body);
    utimesSync(path, new Date("2022-01-10T07:30:00Z"), new Date("2022-01-10T07:30:00Z"));
    expect(readArticleFile(path)).toMatchObject({ asOf: "2022-01-10T07:30:00Z", asOfFrom: "file-modified" });
  });

  it("keeps its content hash when only the file's time changes", () => {
    const path = write("touched.txt", body);
    utimesSync(path, new Date("2022-01-10T07:30:00Z"), new Date("2022-01-10T07:30:00Z"));
    const first = readArticleFile(path);
    utimesSync(path, new Date("2022-02-01T00:00:00Z"), new Date("2022-02-01T00:00:00Z"));
    const second = readArticleFile(path);
    expect(second.asOf).toBe("2022-02-01T00:00:00Z");
    expect(second.contentHash).toBe(first.contentHash);
  });

  it("takes front matter or a sidecar asOf before the file's time, written as a reader would", () => {
    const front = write("front.txt", `---\nasOf: January 8, 2022 9:12\ntimeZone: Asia/Almaty\n---\n${body}`);
    expect(readArticleFile(front)).toMatchObject({ asOf: "2022-01-08T09:12:00+06:00", asOfFrom: "metadata" });
    const side = write("side.txt", body);
    write("side.txt.meta.json", JSON.stringify({ asOf: "2022-01-08T09:12:00+06:00" }));
    expect(readArticleFile(side)).toMatchObject({ asOf: "2022-01-08T09:12:00+06:00", asOfFrom: "metadata" });
  });

  it("refuses an unreadable metadata date with its line", () => {
    const front = write("bad-front.txt", `---\nurl: https://a.example/x\nasOf: sometime soon\n---\n${body}`);
    expect(inputError(() => readArticleFile(front))).toMatchObject({
      line: 3,
      reason: expect.stringMatching(/^front matter asOf: unreadable date "sometime soon"/),
    });
  });
});
