import { describe, expect, it } from "vitest";
import type { Article } from "../../src/ingest/article.js";
import { parseArticleHtml } from "../../src/ingest/html.js";
import { parseArticleText } from "../../src/ingest/text.js";
import { cleanUntrustedText } from "../../src/ingest/untrusted-text.js";

/** Bidi overrides and isolates, zero-width space, word joiner, soft hyphen, BOM, LRM: none may survive parsing. */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\u00AD\uFEFF\u200E\u200F]/;
const CHAT_MARKUP = /<[@#:/]|<a:|<t:/;
const everyText = (a: Article) => JSON.stringify([a.title, a.outlet, a.blocks, a.comments]);

describe("chat markup and invisible controls in a text article", () => {
  const a = parseArticleText(
    [
      "Hundreds \u202Edetained\u202C in Almaty",
      "As of: January 9, 2022 8:00",
      "",
      "Police arrested <@&999> people overnight, the interior ministry said, and <@!123> and <#789> were not involved <:kz:456> <t:1641700000:R>.",
      "",
      "Riot police block a street near the akimat. (SW Pho\u200Bto/Aida Bekova)",
      "",
      "The \u2066ministry\u2069 said the curfew would stay.",
      "",
      "Comments",
      "",
      "Dana S.",
      "10 January 2022 09:00",
      "Stay safe <@123>\u2060!",
    ].join("\n"),
    "markup.txt",
  );

  it("leaves no mention, channel, emoji or time stamp markup and no format control in title, blocks, captions or comments", () => {
    expect(everyText(a)).not.toMatch(CHAT_MARKUP);
    expect(everyText(a)).not.toMatch(INVISIBLE);
    expect(a.title).toBe("Hundreds detained in Almaty");
    expect(a.blocks[0]).toMatchObject({
      type: "paragraph",
      text: "Police arrested people overnight, the interior ministry said, and and were not involved.",
    });
    // The zero-width space hid the photo credit; without it the caption is seen for what it is.
    expect(a.blocks[1]).toMatchObject({ type: "aside", kind: "caption", text: "Riot police block a street near the akimat. (SW Photo/Aida Bekova)" });
    expect(a.comments).toEqual([expect.objectContaining({ author: "Dana S.", text: "Stay safe!" })]);
  });
});

describe("chat markup and invisible controls in an HTML page", () => {
  const page = `<html><head><meta property="og:title" content="Curfew \u202Eextended\u202C"><meta property="og:site_name" content="Steppe\u200B Wire"></head>
    <body><article><h1>Curfew extended</h1>
    <p>Police said &lt;@&amp;999&gt; people were detained overnight in Almaty, and the curfew will stay in place.</p>
    <figure><img src="/a.jpg" alt=""><figcaption>Checkpoint at dawn \u2067(Photo: Steppe Wire)\u2069</figcaption></figure>
    <h2>Next steps \u200F</h2><p>The akimat will review the curfew &lt;t:1641700000:R&gt; on Monday.</p></article>
    <section id="comments"><article class="comment"><span class="author">Aliya\u202D</span><p>Hello &lt;#789&gt; everyone</p></article></section></body></html>`;
  const a = parseArticleHtml(page, "https://steppe-wire.example/curfew");

  it("cleans title, outlet, paragraphs, headings, captions and comments alike", () => {
    expect(everyText(a)).not.toMatch(CHAT_MARKUP);
    expect(everyText(a)).not.toMatch(INVISIBLE);
    expect(a.title).toBe("Curfew extended");
    expect(a.outlet).toBe("Steppe Wire");
    expect(a.blocks.map((b) => (b.type === "video" ? b.title : b.text))).toEqual([
      "Police said people were detained overnight in Almaty, and the curfew will stay in place.",
      "Checkpoint at dawn (Photo: Steppe Wire)",
      "Next steps",
      "The akimat will review the curfew on Monday.",
    ]);
    expect(a.comments).toEqual([expect.objectContaining({ author: "Aliya", text: "Hello everyone" })]);
  });
});

describe("what is kept", () => {
  it("keeps joiners where a script needs them, emoji sequences and subdivision flags; drops a joiner between Latin letters", () => {
    const persian = "می\u200Cخواهم";
    const healthWorker = "👩\u200D⚕\uFE0F";
    const scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    expect(cleanUntrustedText(`${persian} ${healthWorker} ${scotland}`)).toBe(`${persian} ${healthWorker} ${scotland}`);
    expect(cleanUntrustedText("Toka\u200Dyev and Nazar\u200Cbayev")).toBe("Tokayev and Nazarbayev");
    expect(cleanUntrustedText("tags \u{E0067}\u{E0062} alone")).toBe("tags  alone");
  });

  it("keeps angle brackets that are not Discord markup", () => {
    expect(cleanUntrustedText("a <b> tag, 3 < 4 and <@name>")).toBe("a <b> tag, 3 < 4 and <@name>");
  });
});
