import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Article, Block, ParagraphBlock } from "../../src/ingest/article.js";
import { parseArticleHtml } from "../../src/ingest/html.js";
import { parseArticleText } from "../../src/ingest/text.js";

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");
const asides = (a: Article) => a.blocks.flatMap((b) => (b.type === "aside" ? [[b.kind, b.text]] : []));
const news = (a: Article) => a.blocks.filter((b) => b.type !== "aside");
const paragraphs = (a: Article) => a.blocks.filter((b): b is ParagraphBlock => b.type === "paragraph");
const kindOf = (text: string, a: Article) => asides(a).find(([, t]) => t === text)?.[0] ?? null;
const text = (title: string, ...lines: string[]) => parseArticleText([title, "", ...lines].join("\n"), "furniture.txt");
const blockText = (b: Block) => (b.type === "video" ? b.title : b.text);

describe("page furniture in a text article", () => {
  const a = parseArticleText(fixture("articles/furniture/wire-with-furniture.txt"), "wire-with-furniture.txt");

  it("keeps byline, share prompt, caption, related links, breadcrumb, credits and an empty comments heading as asides, in place", () => {
    expect(asides(a)).toEqual([
      ["byline", "By Marat Ospanov and Lena Fischer, Steppe Wire"],
      ["share", "Share this article"],
      ["caption", "Soldiers guard the entrance of the city hall in Almaty, Kazakhstan, Jan. 8, 2022. (SW Photo/Aida Bekova)"],
      ["related", "Related"],
      ["related", "Banks reopen under guard"],
      ["related", "Who leads the protest movement?"],
      ["related", "Fuel cap extended for six months"],
      ["related", "Airport to reopen on Monday"],
      ["related", "Internet back in most of the country"],
      ["share", "Follow us on Telegram"],
      ["navigation", "Home > World > Central Asia"],
      ["byline", "(Reporting by Marat Ospanov; Editing by Lena Fischer)"],
      ["comments-heading", "Comments (0)"],
    ]);
    expect(a.blocks.map((b) => b.type)).toEqual([
      "aside",
      "aside",
      "paragraph",
      "aside",
      "paragraph",
      "aside",
      "aside",
      "aside",
      "aside",
      "paragraph",
      "aside",
      "aside",
      "aside",
      "aside",
      "aside",
      "aside",
    ]);
  });

  it("leaves only the report as news, the first real paragraph as the lead, its dateline taken off", () => {
    expect(news(a).map(blockText)).toEqual([
      "The night curfew in Almaty will stay in force for at least another week, the city's commandant said on Sunday, as negotiations between the government and protest leaders stalled.",
      "Shops near Republic Square reopened for a few hours, and long queues formed outside the few bank branches that had cash.",
      "The commandant said checkpoints on the roads into the city would remain until the end of the month.",
    ]);
    expect(paragraphs(a)[0]).toMatchObject({
      lead: true,
      dateline: { text: "ALMATY, Jan 9 (Steppe Wire) —", place: "ALMATY", agency: "Steppe Wire", at: "2022-01-09T00:00:00+00:00" },
    });
  });

  it("takes a Source: line under the title as the article's URL, not as its lead", () => {
    expect(a.url).toBe("https://steppe-wire.example/world/curfew-stays");
    expect(a.outlet).toBe("steppe-wire.example");
    expect(JSON.stringify(a.blocks)).not.toContain("Source:");
  });
});

describe("furniture forms, one at a time", () => {
  it("reads photo credits of several shapes as captions, and leaves a sentence about photos alone", () => {
    const a = text(
      "Photos of the square",
      "The square was empty on Sunday, residents said.",
      "",
      "Burnt cars stand outside the akimat. — SW photo",
      "",
      "Photo: Steppe Wire",
      "",
      "Image: File",
      "",
      "A soldier checks papers at a checkpoint in Almaty. STEPPEWIRE/Aida Bekova",
      "",
      "The ministry later published photos of the damage to the building on its website.",
    );
    expect(asides(a)).toEqual([
      ["caption", "Burnt cars stand outside the akimat. — SW photo"],
      ["caption", "Photo: Steppe Wire"],
      ["caption", "Image: File"],
      ["caption", "A soldier checks papers at a checkpoint in Almaty. STEPPEWIRE/Aida Bekova"],
    ]);
    expect(paragraphs(a).map((p) => p.text)).toEqual([
      "The square was empty on Sunday, residents said.",
      "The ministry later published photos of the damage to the building on its website.",
    ]);
  });

  it("reads a name with a Published stamp as a byline whose time dates the article", () => {
    const a = text(
      "Parliament calls for an inquiry",
      "Aida Bekova Published January 20, 2022 | 02:41 PM",
      "",
      "Members of parliament called for an inquiry into the events.",
    );
    expect(asides(a)).toEqual([["byline", "Aida Bekova Published January 20, 2022 | 02:41 PM"]]);
    expect(a.asOf).toBe("2022-01-20T14:41:00+00:00");
  });

  it("reads a newsroom credit above the story and a wires credit under it as bylines", () => {
    const a = text(
      "Troops to leave",
      "Steppe Wire News Agency",
      "",
      "The alliance troops will leave within ten days, the president said.",
      "",
      "With Steppe wires",
    );
    expect(asides(a)).toEqual([
      ["byline", "Steppe Wire News Agency"],
      ["byline", "With Steppe wires"],
    ]);
  });

  it("does not take a lead opening with 'By Friday' for a byline", () => {
    const a = text("Airport retaken", "By Friday, troops had retaken the airport and the city was quiet.");
    expect(asides(a)).toEqual([]);
    expect(paragraphs(a)[0]?.text).toBe("By Friday, troops had retaken the airport and the city was quiet.");
  });

  it("splits a wire credit glued to the last paragraph off as a byline", () => {
    const a = text("Macron worried", "The French president said he was following the events closely. (Reporting by Jean Martin; Editing by Anna Weber)");
    expect(paragraphs(a).map((p) => p.text)).toEqual(["The French president said he was following the events closely."]);
    expect(asides(a)).toEqual([["byline", "(Reporting by Jean Martin; Editing by Anna Weber)"]]);
  });

  it("reads a teaser card for another story (title twice, unfinished standfirst) as promo", () => {
    const a = text(
      "Internet shut down",
      "Mobile internet was cut across the country on Wednesday, monitors said.",
      "",
      "Digital Sieges",
      "",
      "Digital sieges",
      "",
      "How governments switch off the network to quell unrest, and what it costs them",
      "",
      "Service returned briefly on Thursday evening before it was cut again.",
    );
    expect(asides(a)).toEqual([
      ["promo", "Digital Sieges"],
      ["promo", "Digital sieges"],
      ["promo", "How governments switch off the network to quell unrest, and what it costs them"],
    ]);
    expect(paragraphs(a)).toHaveLength(2);
  });

  it("reads newsletter, share and follow prompts, breadcrumbs and tag lists, and 'Read more: <title>'", () => {
    const a = text(
      "Banks reopen",
      "Banks reopened in Almaty on Monday under police guard.",
      "",
      "Read more: Who runs the protest movement?",
      "",
      "Sign up for our evening newsletter",
      "",
      "Topics: Kazakhstan, Almaty, Banks",
      "",
      "Join our WhatsApp channel",
    );
    expect(asides(a)).toEqual([
      ["related", "Read more: Who runs the protest movement?"],
      ["promo", "Sign up for our evening newsletter"],
      ["navigation", "Topics: Kazakhstan, Almaty, Banks"],
      ["share", "Join our WhatsApp channel"],
    ]);
  });

  it("keeps a bulleted list of facts (sentences) as paragraphs, and a list of headlines as related links", () => {
    const a = text(
      "What we know",
      "Officials gave these figures on Sunday.",
      "",
      "- 164 people were killed, the health ministry said.",
      "- 9,900 people were detained, according to the interior ministry.",
      "",
      "More on this story",
      "- Tokayev blames foreign fighters",
      "- Alliance troops begin to leave",
    );
    expect(paragraphs(a).map((p) => p.text)).toEqual([
      "Officials gave these figures on Sunday.",
      "- 164 people were killed, the health ministry said.",
      "- 9,900 people were detained, according to the interior ministry.",
    ]);
    expect(asides(a).map(([kind]) => kind)).toEqual(["related", "related", "related"]);
    expect(kindOf("Alliance troops begin to leave", a)).toBe("related");
  });

  it("keeps an empty comments section's heading as furniture and reads a full one as comments", () => {
    const empty = text("Quiet night", "The night passed quietly in Almaty, police said.", "", "Leave a reply");
    expect(asides(empty)).toEqual([["comments-heading", "Leave a reply"]]);
    expect(empty.comments).toEqual([]);
  });
});

describe("datelines", () => {
  const lead = (first: string) => paragraphs(text("Dateline", first, "", "A second paragraph follows."))[0]!;

  it("takes wire, agency and place-only datelines off the lead, with dashes or a colon", () => {
    expect(lead("TARAZ, Jan. 8 (Kazinform) -- Police cleared the square.")).toMatchObject({
      text: "Police cleared the square.",
      dateline: { text: "TARAZ, Jan. 8 (Kazinform) --", place: "TARAZ", agency: "Kazinform", at: null },
    });
    expect(lead("ANKARA (Anadolu): The president called his counterpart.")).toMatchObject({
      text: "The president called his counterpart.",
      dateline: { place: "ANKARA", agency: "Anadolu" },
    });
    expect(lead("PARIS — The president said he was concerned.").dateline).toMatchObject({ text: "PARIS —", place: "PARIS", agency: null });
    expect(lead("NUR-SULTAN, Kazakhstan: The president spoke on television.").dateline).toMatchObject({ place: "NUR-SULTAN", agency: null });
    // An agency's brackets emptied by copy-paste still mark a dateline.
    expect(lead("Tashkent, Uzbekistan ( -- Uzbekistan is watching the events closely.")).toMatchObject({
      text: "Uzbekistan is watching the events closely.",
      dateline: { place: "Tashkent", agency: null },
    });
  });

  it("does not take an acronym subject or a headline-style colon for a dateline", () => {
    expect(lead("NATO — the alliance Kazakhstan does not belong to — said nothing.").dateline).toBeUndefined();
    expect(lead("Kazakhstan: what we know so far about the unrest.").dateline).toBeUndefined();
  });

  it("takes masthead residue glued to a paragraph off as a dateline, never as an attribution", () => {
    const a = text(
      "Leaders talk",
      "The two presidents spoke by phone on Saturday, the Kremlin said.",
      "",
      "Steppe WireAsia: It said that both leaders agreed to stay in contact.",
    );
    expect(paragraphs(a)[1]).toMatchObject({
      text: "It said that both leaders agreed to stay in contact.",
      dateline: { text: "Steppe WireAsia:", agency: "Steppe Wire", place: "Asia" },
    });
    const camel = text("Monitors", "NetBlocks: Kazakhstan is offline, the monitor said.");
    expect(paragraphs(camel)[0]?.dateline).toBeUndefined();
  });

  it("dates the article by its dateline when nothing else does", () => {
    const a = text("Looting", "ALMATY, Kazakhstan, Jan. 6, 2022 (AP) — Shops were looted overnight.");
    expect(a.asOf).toBe("2022-01-06T00:00:00+00:00");
    expect(a.outlet).toBe("AP");
  });
});

describe("page furniture in an HTML page", () => {
  const a = parseArticleHtml(fixture("html/furniture.html"), "furniture.html");

  it("keeps the story's breadcrumb, byline, photo caption, promo, share and follow prompts, related links and empty comments heading as asides", () => {
    expect(asides(a)).toEqual([
      ["navigation", "Home"],
      ["navigation", "Regions"],
      ["navigation", "Zhambyl"],
      ["byline", "By Aida Bekova, Taraz correspondent"],
      ["caption", "Traders carry boxes into the central market of Taraz. (Photo: Steppe Wire/Nurlan Abenov)"],
      ["promo", "Sign up for our morning newsletter"],
      ["share", "Follow us on Telegram"],
      ["related", "Read more"],
      ["related", "Shymkent lifts its curfew"],
      ["related", "Trains to Aktobe run again"],
      ["share", "Facebook"],
      ["share", "Telegram"],
      ["share", "WhatsApp"],
      ["comments-heading", "Comments (0)"],
    ]);
    expect(a.comments).toEqual([]);
    expect(JSON.stringify(a.blocks)).not.toMatch(/© Steppe Wire|"Regions","type"|No comments yet/);
  });

  it("takes the lead's dateline off, uses its date as the page's time and keeps the three paragraphs as news", () => {
    expect(paragraphs(a)).toHaveLength(3);
    expect(paragraphs(a)[0]).toMatchObject({
      lead: true,
      text: expect.stringMatching(/^The central market of Taraz opened again/),
      dateline: { text: "TARAZ, Jan. 8, 2022 (Steppe Wire) --", place: "TARAZ", agency: "Steppe Wire", at: "2022-01-08T00:00:00+00:00" },
    });
    expect(a.asOf).toBe("2022-01-08T00:00:00+00:00");
  });
});
