import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { casualtiesView } from "../../../src/briefing/casualties.js";
import { ingestStoryFiles } from "../../../src/pipeline/story-sources.js";
import { createLogger } from "../../../src/logger.js";
import { casualtiesChartInput } from "../../../src/render/chart/headline-series.js";
import { sourceKeys } from "../../../src/render/chart/marks.js";
import type { ChartInput } from "../../../src/render/chart/model.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { loadStories } from "../../../src/story/config.js";

const TOLL_ARTICLES = "test/fixtures/articles/toll-story";
const SEED = "data/articles/000_3d272934acddc640.txt";

describe("the chart's series from the casualties view", () => {
  const story = loadStories("data/stories").find((s) => s.slug === "kazakhstan")!;
  let store: Store;
  let input: ChartInput;
  beforeAll(async () => {
    store = await openStore(":memory:");
    await ingestStoryFiles(store, story, [SEED, ...readdirSync(TOLL_ARTICLES).map((f) => join(TOLL_ARTICLES, f))], createLogger("silent"));
    input = casualtiesChartInput(await casualtiesView(store, story), story);
  });
  afterAll(() => store.close());

  const points = (category: string) =>
    input.series.find((s) => s.category === category)?.points.map((p) => `${p.qualifier === "exact" ? "" : `${p.qualifier} `}${p.count} ${p.source}`);

  it("draws per category the series outlets kept updating, not a share reported once", () => {
    expect(input.timeZone).toBe("Asia/Almaty");
    expect(points("killed")).toEqual([
      "40 state television",
      "44 state television",
      "at least 70 rights group in Almaty",
      "164 health ministry",
      "225 prosecutor general's office",
    ]);
    expect(points("injured")).toEqual(["1300 health ministry", "2200 health ministry", "4353 prosecutor general's office"]);
  });

  it("draws arrests and detentions as one toll, and never a claim", () => {
    expect(points("detained")).toEqual([
      "more than 2000 interior ministry",
      "more than 4000 “Riots in Kazakhstan: Apparently…”",
      "5800 interior ministry",
      "9900 interior ministry",
    ]);
    expect(input.series.map((s) => s.category)).toEqual(["killed", "injured", "detained"]);
    expect(JSON.stringify(input)).not.toMatch(/20,?000|terrorists/);
  });
});

function kazakhstan() {
  const story = loadStories("data/stories").find((s) => s.slug === "kazakhstan");
  if (!story) throw new Error("data/stories has no kazakhstan story");
  return story;
}

describe("one source however a sentence capitalises it", () => {
  const story = kazakhstan();
  const dir = mkdtempSync(join(tmpdir(), "spellings-"));
  // Three reports: the first and last open a sentence with the police, the second cites them mid-sentence.
  const articles: [string, string][] = [
    ["a.txt", "Title: Night of clashes\nOutlet: Plains Daily\nAs of: 2022-01-06T08:00:00+06:00\n\nPolice reported that 40 people had been killed.\n"],
    ["b.txt", "Title: Toll rises\nOutlet: River Courier\nAs of: 2022-01-07T09:00:00+06:00\n\nAt least 44 people have been killed, according to police.\n"],
    ["c.txt", "Title: Calm returns\nOutlet: Plains Daily\nAs of: 2022-01-08T10:00:00+06:00\n\nPolice said at least 44 people had been killed.\n"],
  ];
  let store: Store;
  beforeAll(async () => {
    for (const [name, text] of articles) writeFileSync(join(dir, name), text);
    store = await openStore(":memory:");
    await ingestStoryFiles(store, story, [dir], createLogger("silent"));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("cites it in the lowercase a mid-sentence mention gives, and a repeat of its count is no new step", async () => {
    const view = await casualtiesView(store, story);
    const killed = view.groups.find((g) => g.category === "killed")?.series[0];
    expect([...(killed?.earlier ?? []), killed?.latest].map((f) => `${f?.count} ${f?.attributedTo}`)).toEqual(["40 police", "44 police"]);
    const input = casualtiesChartInput(view, story);
    expect([...sourceKeys(input.series).keys()]).toEqual(["police"]);
  });
});
