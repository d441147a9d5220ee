import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Article } from "../../src/ingest/article.js";
import type { Block, VideoBlock } from "../../src/ingest/article.js";
import { parseArticleText } from "../../src/ingest/text.js";
import { inputError } from "./input-error.js";

const SEED = "data/articles/000_3d272934acddc640.txt";
const seed = parseArticleText(readFileSync(SEED, "utf8"), SEED);

const texts = (blocks: Block[], type: Block["type"]) => blocks.filter((b) => b.type === type).map((b) => ("text" in b ? b.text : b.title));
const videos = (blocks: Block[]) => blocks.filter((b): b is VideoBlock => b.type === "video");

describe("the seed article", () => {
  it("passes the Article schema", () => {
    expect(Article.parse(seed)).toEqual(seed);
  });

  it("reads the title and the Berlin as-of time of a German public broadcaster's page", () => {
    expect(seed.title).toBe("Riots in Kazakhstan: Apparently explosions in Almaty");
    expect(seed.asOf).toBe("2022-01-08T09:12:00+01:00");
  });

  it("marks the teaser as the lead", () => {
    const lead = seed.blocks.find((b) => b.type === "paragraph" && b.lead);
    expect(lead).toMatchObject({ text: expect.stringMatching(/^Kazakhstan is not coming to rest\..*verified independently\.$/), line: 5 });
    expect(seed.blocks.filter((b) => b.type === "paragraph" && b.lead)).toHaveLength(1);
  });

  it("finds the sub-headings, including one ending in a closing quote mark", () => {
    expect(texts(seed.blocks, "heading")).toEqual([
      "Ex-Prime Minister Massimov arrested",
      "Tokayev speaks of 20,000 “terrorists”",
      "Security forces have orders to shoot",
      "International concern",
    ]);
  });

  it("turns both video captions into video blocks with their credits, not headings", () => {
    expect(videos(seed.blocks)).toEqual([
      {
        type: "video",
        title: "Kazakh President Tokayev gives security forces an order to shoot protesters",
        reporter: "Ina Ruck",
        outlet: "ARD Moscow",
        programme: "daily news 8 p.m.",
        airedAt: "2022-01-07T20:00:00+01:00",
        url: null,
        line: 11,
      },
      {
        type: "video",
        title: "Why is the situation in Kazakhstan so confusing?",
        reporter: "Andrea Beer",
        outlet: "ARD Moscow",
        programme: null,
        airedAt: "2022-01-08T06:39:00+01:00",
        url: null,
        line: 43,
      },
    ]);
  });

  it("keeps the reader's Louis XVI comment out of the blocks", () => {
    expect(seed.comments).toHaveLength(1);
    expect(seed.comments[0]).toMatchObject({ author: "fathaland slim", postedAt: "2022-01-08T09:39:00+01:00", line: 49 });
    expect(seed.comments[0]?.text).toMatch(/^9:34 am, Marmolada\n>> Price increases.*If you want\.$/s);
    expect(JSON.stringify(seed.blocks)).not.toMatch(/Louis XVI|Avatar|fathaland|Marmolada/);
  });

  it("drops the 'source site' footer", () => {
    expect(JSON.stringify(seed.blocks)).not.toContain("source site");
    expect(seed.outlet).toBeNull();
  });

  it("changes its content hash but keeps its id when the text is edited", () => {
    const edited = parseArticleText(readFileSync(SEED, "utf8").replace("26 demonstrators", "27 demonstrators"), SEED);
    expect(edited.id).toBe(seed.id);
    expect(edited.contentHash).not.toBe(seed.contentHash);
  });
});

describe("other shapes", () => {
  it("joins hard-wrapped lines and still sees a short line as a heading", () => {
    const a = parseArticleText(
      [
        "Troops leave Almaty airport",
        "",
        "Soldiers of the Moscow-led alliance handed the airport back to Kazakh",
        "forces on Thursday, the defence ministry said in a short statement.",
        "Aftermath in the city",
        "Shops in the centre opened for the first time in a week, and buses ran",
        "on most routes again.",
      ].join("\n"),
      "wrapped.txt",
    );
    expect(a.blocks.map((b) => b.type)).toEqual(["paragraph", "heading", "paragraph"]);
    expect(texts(a.blocks, "paragraph")[0]).toBe(
      "Soldiers of the Moscow-led alliance handed the airport back to Kazakh forces on Thursday, the defence ministry said in a short statement.",
    );
  });

  it("reads a generic credit line with a comma date and a following video URL", () => {
    const a = parseArticleText(
      [
        "Curfew in Almaty",
        "Stand: 09.01.2022 11:00",
        "The curfew stays in force for another night, the city said.",
        "Queues outside the only open bank branch",
        "Sofia de la Cruz Moreno, Euronews Brussels, Morning Briefing, January 9, 2022 7:30 a.m.",
        "https://video.example.org/almaty-queues",
      ].join("\n"),
      "credit.txt",
      { timeZone: "Asia/Almaty" },
    );
    expect(a.asOf).toBe("2022-01-09T11:00:00+06:00");
    expect(videos(a.blocks)).toEqual([
      expect.objectContaining({
        title: "Queues outside the only open bank branch",
        reporter: "Sofia de la Cruz Moreno",
        outlet: "Euronews Brussels",
        programme: "Morning Briefing",
        airedAt: "2022-01-09T07:30:00+06:00",
        url: "https://video.example.org/almaty-queues",
      }),
    ]);
  });

  it("prefers the Updated time over the Published time on one line", () => {
    const a = parseArticleText(
      "Gas price protests\nPublished January 4, 2022 • Updated January 5, 2022 18:10 GMT\n\nProtests continued for a third day.",
      "both.txt",
    );
    expect(a.asOf).toBe("2022-01-05T18:10:00+00:00");
  });

  it("does not take a paragraph opening with 'Published reports' for a time stamp", () => {
    const a = parseArticleText(
      "Death toll unclear\n\nPublished reports on 7 January 2022 put the number of dead far higher than officials did.",
      "published.txt",
    );
    expect(a.asOf).toBeNull();
    expect(texts(a.blocks, "paragraph")).toEqual(["Published reports on 7 January 2022 put the number of dead far higher than officials did."]);
  });

  it("keeps a whole-paragraph quotation as a quote block", () => {
    const a = parseArticleText("Scholz urges restraint\n\nThe chancellor spoke in Berlin.\n\n“Please return to a peaceful path.”", "quote.txt");
    expect(a.blocks.at(-1)).toMatchObject({ type: "quote", text: "“Please return to a peaceful path.”" });
  });

  it("takes a trailing Source: URL as the article URL and derives the outlet from its host", () => {
    const a = parseArticleText("Airport reopens\n\nFlights resumed at Almaty on Thursday.\n\nSource: https://www.example-wire.com/kz/airport", "footer.txt");
    expect(a.url).toBe("https://www.example-wire.com/kz/airport");
    expect(a.outlet).toBe("example-wire.com");
    expect(a.blocks).toHaveLength(1);
  });
});

describe("wire and live-blog variants", () => {
  it("strips an AP dateline with a country and drops the contributor line", () => {
    const a = parseArticleText(
      [
        "Alliance troops reach Kazakhstan",
        "By JANE MORROW Associated Press",
        "January 6, 2022, 4:52 PM",
        "",
        "NUR-SULTAN, Kazakhstan (AP) — Troops from a Moscow-led alliance landed on Thursday as the government tried to end the protests.",
        "Associated Press writer Ivan Sokolov in Moscow contributed to this report.",
      ].join("\n"),
      "ap.txt",
    );
    expect(a.outlet).toBe("AP");
    expect(a.asOf).toBe("2022-01-06T16:52:00+00:00");
    expect(texts(a.blocks, "paragraph")).toEqual(["Troops from a Moscow-led alliance landed on Thursday as the government tried to end the protests."]);
  });

  it("takes the date of a dateline that has a year when nothing else dates the article", () => {
    const a = parseArticleText("Looting in Almaty\n\nALMATY, Kazakhstan, Jan. 6, 2022 (AP) — Shops were looted overnight.", "ap2.txt");
    expect(a.asOf).toBe("2022-01-06T00:00:00+00:00");
    expect(texts(a.blocks, "paragraph")).toEqual(["Shops were looted overnight."]);
  });

  it("does not guess the year of a year-less dateline, and prefers the article's time line", () => {
    const a = parseArticleText("Looting in Almaty\n\nALMATY, Jan 6 (Reuters) - Shops were looted overnight.", "dl.txt", {
      timeZone: "Asia/Almaty",
    });
    expect(a.asOf).toBeNull();
    const dated = parseArticleText("Looting in Almaty\nUpdated 7 January 2022 08:00\n\nALMATY, Jan 6 (Reuters) - Shops were looted overnight.", "dl.txt");
    expect(dated.asOf).toBe("2022-01-07T08:00:00+00:00");
    expect(texts(dated.blocks, "paragraph")).toEqual(["Shops were looted overnight."]);
  });

  it("uses a date divider in a live blog as the day of the bare times after it", () => {
    const a = parseArticleText(
      [
        "Kazakhstan crisis live",
        "Saturday 8 January 2022",
        "",
        "Welcome to our coverage.",
        "",
        "Friday, 7 January",
        "",
        "22:10 GMT: Tokayev says he ordered troops to fire without warning.",
        "",
        "21:00 GMT: Flights cancelled",
        "",
        "The national airline suspended all flights.",
      ].join("\n"),
      "live.txt",
    );
    expect(a.blocks.map((b) => ("at" in b ? b.at : undefined))).toEqual([
      undefined,
      "2022-01-07T22:10:00+00:00",
      "2022-01-07T21:00:00+00:00",
      "2022-01-07T21:00:00+00:00",
    ]);
    expect(a.blocks[2]).toMatchObject({ type: "heading", text: "Flights cancelled" });
  });

  it("treats a comment count above the text as page chrome, and a stray link as no paragraph", () => {
    const a = parseArticleText(
      [
        "Internet restored in Almaty",
        "12 comments",
        "",
        "Mobile internet returned to most of Almaty on Monday after almost a week without a connection.",
        "https://status.example.net/kz",
        "",
        "Comments",
        "",
        "Dana S.",
        "10 January 2022 09:00",
        "Finally.",
      ].join("\n"),
      "chrome.txt",
    );
    expect(a.blocks).toEqual([expect.objectContaining({ type: "paragraph", line: 4, lead: true })]);
    expect(a.comments).toEqual([{ author: "Dana S.", postedAt: "2022-01-10T09:00:00+00:00", text: "Finally.", line: 9 }]);
  });

  it("keeps a heading left with nothing under it at the end of the page as furniture, not a heading", () => {
    const kinds = (a: Article) => a.blocks.map((b) => [b.type, b.type === "aside" ? b.kind : null]);
    const related = parseArticleText("Curfew extended\n\nThe curfew was extended to 19 January.\n\nMore on this topic\n", "end.txt");
    expect(kinds(related)).toEqual([
      ["paragraph", null],
      ["aside", "related"],
    ]);
    const section = parseArticleText("Curfew extended\n\nThe curfew was extended to 19 January.\n\nCentral Asia\n", "end.txt");
    expect(kinds(section)).toEqual([
      ["paragraph", null],
      ["aside", "navigation"],
    ]);
  });
});

describe("refusals", () => {
  it("refuses a file that starts with its as-of line", () => {
    const error = inputError(() => parseArticleText("\nAs of: January 8th, 2022 9:12 a.m.\n\nSome text.", "a.txt"));
    expect(error.reason).toMatch(/no title/);
    expect(error.line).toBe(2);
  });

  it("refuses a title made only of punctuation", () => {
    expect(inputError(() => parseArticleText("* * *\n\nBody text here.", "b.txt")).reason).toMatch(/no title/);
  });

  it("refuses an article with a title but no paragraph", () => {
    const error = inputError(() => parseArticleText("Just a headline\n\nA heading\n\nsource site\n", "c.txt"));
    expect(error.reason).toMatch(/no body text/);
    expect(error.line).toBe(1);
  });

  it("refuses invalid metadata passed by a caller", () => {
    expect(inputError(() => parseArticleText("T\n\nBody.", "d.txt", { url: "ftp://x" })).reason).toMatch(/invalid metadata: url/);
  });
});
