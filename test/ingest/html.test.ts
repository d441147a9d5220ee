import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Article, Block } from "../../src/ingest/article.js";
import { decodeBody } from "../../src/charset.js";
import { ArticleInputError } from "../../src/ingest/errors.js";
import { parseArticleHtml } from "../../src/ingest/html.js";
import { parseArticleText } from "../../src/ingest/text.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/html/${name}`, import.meta.url), "utf8");
const texts = (article: Article, type: Block["type"]) => article.blocks.flatMap((b) => (b.type === type && b.type !== "video" ? [b.text] : []));
const allBlockText = (article: Article) => JSON.stringify(article.blocks);
/** What extraction reads: every block but the page furniture. */
const newsText = (article: Article) => JSON.stringify(article.blocks.filter((b) => b.type !== "aside"));
const asides = (article: Article) => article.blocks.flatMap((b) => (b.type === "aside" ? [[b.kind, b.text]] : []));

describe("parseArticleHtml on an article page full of chrome", () => {
  const article = parseArticleHtml(fixture("article-with-chrome.html"), "test/fixtures/html/article-with-chrome.html");

  it("takes title, canonical URL, outlet and the modified time from the page's metadata", () => {
    expect(article.title).toBe("Almaty airport back in government hands");
    expect(article.url).toBe("https://courier.example/world/almaty-airport-retaken");
    expect(article.outlet).toBe("Steppe Courier");
    expect(article.asOf).toBe("2022-01-07T14:25:00+06:00");
  });

  it("keeps headings, paragraphs and the quote in page order, the first paragraph as lead", () => {
    expect(texts(article, "heading")).toEqual(["Peacekeepers guard key sites", "Fuel price cap announced"]);
    const paragraphs = article.blocks.filter((b) => b.type === "paragraph");
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs[0]).toMatchObject({ lead: true, text: expect.stringMatching(/^Troops loyal to the government/) });
    expect(paragraphs.slice(1).some((p) => p.type === "paragraph" && p.lead)).toBe(false);
    expect(texts(article, "quote")).toEqual(["“We stayed inside for two days and listened to the shooting,” said a pensioner living near Republic Square."]);
  });

  it("turns the embedded player and its caption and credit into a video block", () => {
    const videos = article.blocks.filter((b) => b.type === "video");
    expect(videos).toEqual([
      {
        type: "video",
        title: "Armoured vehicles roll past the burnt-out mayor's office",
        reporter: "Aigerim Nurpeisova",
        outlet: "Steppe TV",
        programme: "evening bulletin 9 p.m.",
        // The credit's date has no zone: it is read in the zone the page's own stamps state.
        airedAt: "2022-01-06T21:00:00+06:00",
        url: "https://www.youtube-nocookie.com/embed/k4zAlmaty01",
      },
    ]);
  });

  it("drops navigation, cookie banner, ads and footer, and keeps the story's byline, share bar and related links as asides", () => {
    const text = allBlockText(article);
    for (const chrome of ["Business", "cookies", "Advertisement", "Sponsored", "All rights reserved"]) {
      expect(text).not.toContain(chrome);
    }
    expect(asides(article)).toEqual([
      ["byline", "By Dana Seitova · 7 January 2022"],
      ["share", "Share on Facebook"],
      ["share", "Share on X"],
      ["share", "Email this story"],
      ["related", "Related"],
      ["related", "Why fuel prices set off the protests"],
      ["related", "Who is Kassym-Jomart Tokayev?"],
    ]);
    expect(newsText(article)).not.toMatch(/Share on|Related|Who is|Dana Seitova/);
  });

  it("reads the comment section into comments with author and time, never into blocks", () => {
    expect(article.comments).toEqual([
      { author: "steppe_wolf", postedAt: "2022-01-07T15:02:00+06:00", text: "I flew out of that airport a month ago. Hard to believe these pictures." },
      {
        author: "Marat K.",
        postedAt: "2022-01-07T15:40:00+06:00",
        text: "Gas at 60 tenge was already too much for pensioners in Zhanaozen.\nNobody in the capital listened.",
      },
    ]);
    expect(allBlockText(article)).not.toMatch(/Zhanaozen|steppe_wolf|flew out/);
  });
});

describe("parseArticleHtml on a live blog", () => {
  const article = parseArticleHtml(fixture("liveblog.html"), "https://caspianwire.example/live");

  it("stamps every block of an entry with that entry's time", () => {
    const stamped = article.blocks.map((b) => [b.type === "video" ? b.title : b.text, b.type === "video" || b.type === "aside" ? undefined : b.at]);
    expect(stamped).toEqual([
      ["Follow the latest developments as protests over fuel prices spread across Kazakhstan.", null],
      ["Former security chief detained", "2022-01-08T11:40:00+06:00"],
      ["The national security committee says its former head has been detained on suspicion of high treason.", "2022-01-08T11:40:00+06:00"],
      ["No further details were released by the committee.", "2022-01-08T11:40:00+06:00"],
      ["Gunfire was heard again overnight in the centre of Almaty, according to residents who spoke to local media by phone.", "2022-01-08T10:15:00+06:00"],
      ["Death toll rises", "2022-01-08T09:05:00+06:00"],
      ["The health ministry now puts the number of dead at 44, including security personnel, up from an earlier figure of 26.", "2022-01-08T09:05:00+06:00"],
      ["“The situation is stabilising,” a ministry spokeswoman told state television.", "2022-01-08T09:05:00+06:00"],
    ]);
  });

  it("dates the page by its newest entry and strips the outlet from <title>", () => {
    expect(article.asOf).toBe("2022-01-08T11:40:00+06:00");
    expect(article.title).toBe("Live: Unrest in Kazakhstan");
    expect(article.url).toBe("https://caspianwire.example/live/kazakhstan-unrest");
  });
});

describe("the same article as HTML and as text", () => {
  const html = parseArticleHtml(fixture("pair-airport.html"), "pair-airport.html");
  const text = parseArticleText(fixture("pair-airport.txt"), "pair-airport.txt");
  const shape = (a: Article) =>
    a.blocks.map((b) =>
      b.type === "video"
        ? { type: b.type, title: b.title, reporter: b.reporter, outlet: b.outlet, programme: b.programme, airedAt: b.airedAt, url: b.url }
        : { type: b.type, text: b.text, lead: b.type === "paragraph" ? (b.lead ?? false) : undefined },
    );

  it("gives the same title, time, headings, paragraphs and videos", () => {
    expect(html.title).toBe(text.title);
    expect(html.asOf).toBe(text.asOf);
    // The page's share bar and related links are furniture the text copy does not have.
    const news = (a: Article) => ({ ...a, blocks: a.blocks.filter((b) => b.type !== "aside") });
    expect(shape(news(html))).toEqual(shape(text));
    expect(asides(html).map(([kind]) => kind)).toEqual(["share", "share", "share", "related", "related", "related"]);
    // Guard against both parsers agreeing on nothing.
    expect(texts(html, "heading")).toEqual(["Curfew eased in the north", "Banks open again"]);
    expect(html.blocks.filter((b) => b.type === "video")).toHaveLength(2);
  });

  it("gives the same reader comment", () => {
    expect(html.comments.map(({ author, postedAt, text: t }) => ({ author, postedAt, text: t }))).toEqual(
      text.comments.map(({ author, postedAt, text: t }) => ({ author, postedAt, text: t })),
    );
  });
});

describe("parseArticleHtml errors and encodings", () => {
  it("rejects a page without any title", () => {
    expect(() => parseArticleHtml("<html><body><p>Text without a name.</p></body></html>", "x.html")).toThrow(
      expect.objectContaining({ name: "ArticleInputError", reason: expect.stringMatching(/^no title/) }),
    );
  });

  it("rejects a page whose body holds no paragraph", () => {
    const page = "<html><head><title>Empty shell</title></head><body><nav><a href='/'>Home</a></nav></body></html>";
    expect(() => parseArticleHtml(page, "shell.html")).toThrow(ArticleInputError);
    expect(() => parseArticleHtml(page, "shell.html")).toThrow(/no body text/);
  });

  it("reads a windows-1251 page once decoded by its meta charset", () => {
    const bytes = readFileSync(new URL("../fixtures/html/windows-1251.html", import.meta.url));
    const article = parseArticleHtml(decodeBody(bytes, null), "windows-1251.html");
    expect(article.title).toBe("Беспорядки в Алматы: аэропорт снова под контролем властей");
    expect(article.language).toBe("ru");
    expect(article.blocks[0]).toMatchObject({ lead: true, text: expect.stringContaining("аэропорт Алматы") });
  });

  it("ignores a video iframe's unknown host but keeps a figure linking to a video page", () => {
    const page = `<html><head><title>Embeds</title></head><body><article><h1>Embeds</h1>
      <p>Opening paragraph about the day's events in the city, long enough to count as text.</p>
      <figure><iframe src="https://maps.example/embed?q=almaty"></iframe><figcaption>Map of the city centre</figcaption></figure>
      <figure><a href="/videos/clip-7.html">Watch</a><figcaption>Crowds gather at dawn<small>AP, 5 January 2022</small></figcaption></figure>
      </article></body></html>`;
    const article = parseArticleHtml(page, "https://news.example/story");
    expect(article.blocks.filter((b) => b.type === "video")).toEqual([
      {
        type: "video",
        title: "Crowds gather at dawn",
        reporter: null,
        outlet: "AP",
        programme: null,
        airedAt: "2022-01-05T00:00:00+00:00",
        url: "https://news.example/videos/clip-7.html",
      },
    ]);
    expect(newsText(article)).not.toContain("Map of the city centre");
    expect(asides(article)).toEqual([["caption", "Map of the city centre"]]);
  });

  it("reads a page of bare divs, and comments written as <article>s inside the story's wrapper", () => {
    const page = `<html><head><title>Plain page</title></head><body><div class="wrapper"><div class="content">
      <h1>Plain page</h1><div>Streets in Almaty were quiet on Sunday morning, residents said, as soldiers manned checkpoints.</div>
      <div>Shops reopened for a few hours.<br>Queues formed outside bakeries.</div>
      <div class="comments-area">
        <article class="comment"><footer><b class="fn">Aliya</b> <time datetime="2022-01-09T10:00:00Z">10:00</time></footer><div class="comment-content"><p>Stay safe everyone.</p></div></article>
        <article class="comment"><footer><b class="fn">Yerlan</b></footer><div class="comment-content"><p>Finally some calm.</p></div></article>
      </div></div></div></body></html>`;
    const article = parseArticleHtml(page, "https://plain.example/p");
    expect(texts(article, "paragraph")).toEqual([
      "Streets in Almaty were quiet on Sunday morning, residents said, as soldiers manned checkpoints.",
      "Shops reopened for a few hours. Queues formed outside bakeries.",
    ]);
    expect(article.comments).toEqual([
      { author: "Aliya", postedAt: "2022-01-09T10:00:00Z", text: "Stay safe everyone." },
      { author: "Yerlan", postedAt: null, text: "Finally some calm." },
    ]);
  });
});
