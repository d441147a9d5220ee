import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { feedItemToArticle, parseFeed } from "../../src/ingest/feed.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), "utf8");

describe("parseFeed", () => {
  it("reads RSS 2.0 items with absolute links, ISO dates, guids and full content", () => {
    const items = parseFeed(fixture("rss2.xml"), "https://caspianwire.example/feed.rss");
    expect(items.map(({ title, url, publishedAt, id }) => ({ title, url, publishedAt, id }))).toEqual([
      {
        title: "Kazakh president accepts government’s resignation",
        url: "https://caspianwire.example/2022/01/05/government-resigns",
        publishedAt: "2022-01-05T03:30:00.000Z",
        id: "cw-2022-0105-17",
      },
      {
        title: "Peacekeeping troops arrive in Kazakhstan",
        url: "https://caspianwire.example/2022/01/07/peacekeepers-arrive",
        publishedAt: "2022-01-07T06:10:00.000Z",
        id: "https://caspianwire.example/2022/01/07/peacekeepers-arrive",
      },
    ]);
    expect(items[0]?.summaryHtml).toBe("<p>The cabinet steps down after protests over fuel prices turn violent.</p>");
    expect(items[0]?.contentHtml).toBeNull();
    expect(items[1]?.contentHtml).toContain("<h2>Mandate limited in time</h2>");
  });

  it("reads Atom entries: html titles as plain text, alternate links, published before updated", () => {
    const items = parseFeed(fixture("atom.xml"), "https://courier.example/feeds/kazakhstan.atom");
    expect(items.map(({ title, url, publishedAt, id }) => ({ title, url, publishedAt, id }))).toEqual([
      {
        title: "Internet restored in parts of Almaty",
        url: "https://courier.example/kazakhstan/internet-restored",
        publishedAt: "2022-01-08T05:20:00.000Z",
        id: "tag:courier.example,2022:story-991",
      },
      {
        title: "Curfew extended until 19 January",
        url: "https://courier.example/kazakhstan/curfew-extended",
        publishedAt: "2022-01-08T12:00:00.000Z",
        id: "tag:courier.example,2022:story-995",
      },
    ]);
    expect(items[0]).toMatchObject({ summaryHtml: "<p>Mobile data and some fixed lines work again after a five-day blackout.</p>", contentHtml: null });
  });

  it("rejects malformed XML with the parser's reason", () => {
    expect(() => parseFeed(fixture("malformed.xml"), "feeds/malformed.xml")).toThrow(
      expect.objectContaining({ name: "ArticleInputError", origin: "feeds/malformed.xml", reason: expect.stringMatching(/^malformed feed XML: .+/) }),
    );
  });

  it("rejects a feed cut off before its root closes, and a page that is no feed", () => {
    const upToFirstItem = fixture("rss2.xml").split("</item>")[0] ?? "";
    expect(() => parseFeed(`${upToFirstItem}</item>`, "cut.xml")).toThrow(/truncated/);
    expect(() => parseFeed("<html><body><p>Not a feed</p></body></html>", "page.html")).toThrow(/not an RSS or Atom feed/);
  });
});

describe("feedItemToArticle", () => {
  it("turns an item carrying the whole report into an article", () => {
    const [, item] = parseFeed(fixture("rss2.xml"), "https://caspianwire.example/feed.rss");
    const article = feedItemToArticle(item!, "https://caspianwire.example/feed.rss");
    expect(article).toMatchObject({
      title: "Peacekeeping troops arrive in Kazakhstan",
      url: "https://caspianwire.example/2022/01/07/peacekeepers-arrive",
      asOf: "2022-01-07T06:10:00Z",
    });
    expect(article?.blocks.map((b) => b.type)).toEqual(["paragraph", "paragraph", "heading", "paragraph", "paragraph"]);
    expect(article?.blocks[0]).toMatchObject({ lead: true, text: expect.stringMatching(/^The first units of a peacekeeping force/) });
  });

  it("returns null for a teaser item so the caller fetches its link", () => {
    const [teaser] = parseFeed(fixture("rss2.xml"), "https://caspianwire.example/feed.rss");
    const [atomTeaser, atomFull] = parseFeed(fixture("atom.xml"), "https://courier.example/feeds/kazakhstan.atom");
    expect(feedItemToArticle(teaser!, "rss")).toBeNull();
    expect(feedItemToArticle(atomTeaser!, "atom")).toBeNull();
    expect(feedItemToArticle(atomFull!, "atom")?.blocks).toHaveLength(3);
  });
});
