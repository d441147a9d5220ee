import { describe, expect, it } from "vitest";
import type { Figure } from "../../src/extract/facts.js";
import { pageWithinLimits } from "../../src/render/page.js";
import { renderUpdates } from "../../src/render/update.js";
import { deliveryNonce } from "../../src/schedule/deliver.js";
import { Update } from "../../src/store/index.js";

const story = { slug: "kazakhstan", title: "Unrest in Kazakhstan" };

function figure(partial: Partial<Figure>): Figure {
  return {
    category: "killed",
    count: 164,
    qualifier: "exact",
    who: "people",
    unit: null,
    attributedTo: "the health ministry",
    asOf: "2022-01-09T18:40:00+06:00",
    unverified: false,
    sentence: "The health ministry said 164 people had been killed.",
    sentenceIndex: 1,
    ...partial,
  };
}

function update(id: number, partial: Partial<Update> = {}): Update {
  return Update.parse({
    id,
    story: "kazakhstan",
    articleId: `a${id}`,
    articleTitle: `Bulletin ${id} from Almaty`,
    articleUrl: "https://example.org/almaty",
    articleOutlet: "Steppe Wire",
    status: "added",
    createdAt: "2022-01-09T13:00:00Z",
    figures: [],
    reactions: [],
    actors: [],
    videos: [],
    headlines: [],
    ...partial,
  });
}

describe("rendering pending updates as one channel post", () => {
  it("shows a figure's change from the previous one of its kind, with who says so", () => {
    const message = renderUpdates(
      [
        update(1, {
          figures: [
            {
              figure: figure({}),
              previous: { count: 26, qualifier: "exact", asOf: null, articleTitle: "Earlier", source: "State television" },
              disagrees: false,
            },
          ],
        }),
      ],
      "all",
      story,
    );
    expect(message?.embeds[0]?.description).toMatch(
      /^\*\*Killed:\*\* 164 people \(according to the health ministry, <t:\d+:f>\), up from 26 \(according to State television\)$/,
    );
  });

  it("posts another source's different count of the same time as a disagreement, not as a new toll", () => {
    const message = renderUpdates(
      [
        update(1, {
          figures: [
            {
              figure: figure({ count: 170, attributedTo: "a rights group" }),
              previous: { count: 164, qualifier: "exact", asOf: null, articleTitle: "Earlier", source: "the health ministry" },
              disagrees: true,
            },
          ],
        }),
      ],
      "all",
      story,
    );
    expect(message?.embeds[0]?.description).toMatch(
      /^\*\*Killed, disputed:\*\* 170 people \(according to a rights group, <t:\d+:f>\), where 164 \(according to the health ministry\) was reported$/,
    );
  });

  it("gives a casualties-only channel the casualty figures and nothing of the reactions or claims", () => {
    const u = update(2, {
      figures: [
        { figure: figure({}), previous: null, disagrees: false },
        { figure: figure({ category: "other", count: 20000, who: "terrorists" }), previous: null, disagrees: false },
      ],
      reactions: [{ actor: "Josep Borrell", countryOrOrg: "EU", gist: "called for restraint", quote: null, at: null, sentence: "s", sentenceIndex: 2 }],
    });
    const text = renderUpdates([u], "casualties", story)?.embeds[0]?.description ?? "";
    expect(text).toMatch(/164 people/);
    expect(text).not.toMatch(/20,000|Borrell/);
    expect(renderUpdates([u], "videos", story)).toBeNull();
  });

  it("keeps article text from pinging or formatting: @everyone, role mentions and markdown are shown as typed", () => {
    const u = update(3, {
      articleTitle: "**Breaking** @everyone <@&123456789012345678>",
      headlines: [{ text: "Protesters shouted @here at # the square", sentenceIndex: 0, score: 1 }],
    });
    const message = renderUpdates([u], "all", story)!;
    const shown = [message.content, message.embeds[0]?.title, message.embeds[0]?.description].join("\n");
    expect(shown).not.toMatch(/@everyone|@here|(?<!\\)<@&\d+>/);
    expect(message.embeds[0]?.title).toMatch(/\\\*\\\*Breaking/);
  });

  it("fits many long updates in one message within Discord's limits and names what did not fit", () => {
    const long = "The interior ministry said security forces had regained control of the administrative buildings in the city. ".repeat(30);
    const updates = Array.from({ length: 14 }, (_, i) => update(i + 10, { headlines: [{ text: long, sentenceIndex: 0, score: 1 }] }));
    const message = renderUpdates(updates, "all", story)!;
    expect(pageWithinLimits({ embeds: message.embeds })).toBe(true);
    expect(message.embeds.length).toBeLessThanOrEqual(10);
    expect(message.content).toMatch(/14 new developments/);
    expect(message.embeds.at(-1)?.description).toMatch(/and \d+ more developments/);
  });

  it("derives one short nonce per subscription and set of updates, whatever their order", () => {
    const nonce = deliveryNonce(7, [3, 1, 2]);
    expect(nonce.length).toBeLessThanOrEqual(25);
    expect(deliveryNonce(7, [1, 2, 3])).toBe(nonce);
    expect(deliveryNonce(8, [1, 2, 3])).not.toBe(nonce);
    expect(deliveryNonce(7, [1, 2])).not.toBe(nonce);
  });

  it("shows the chart in the embed of the first update that brought the headline figure, and only where figures are posted", () => {
    const chart = { name: "casualties.png", data: Buffer.from("png"), description: "Killed: 164 on 9 Jan (the health ministry)." };
    const toll = update(5, {
      figures: [
        { figure: figure({}), previous: { count: 26, qualifier: "exact", asOf: null, articleTitle: "Earlier", source: "State television" }, disagrees: false },
      ],
    });
    const reaction = update(4, {
      reactions: [{ actor: "Josep Borrell", countryOrOrg: "EU", gist: "called for restraint", quote: null, at: null, sentence: "s", sentenceIndex: 2 }],
    });
    const picture = { file: chart, shows: (u: Update) => u.id === 5 };
    const all = renderUpdates([reaction, toll], "all", story, picture)!;
    expect(all.files).toEqual([chart]);
    expect(all.embeds.map((e) => e.image?.url ?? null)).toEqual([null, "attachment://casualties.png"]);
    expect(renderUpdates([toll], "casualties", story, picture)?.files).toEqual([chart]);
    expect(renderUpdates([reaction], "reactions", story, picture)?.files).toBeUndefined();
    expect(renderUpdates([reaction], "all", story, picture)?.files).toBeUndefined();
  });
});
