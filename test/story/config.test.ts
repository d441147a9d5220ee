import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { storyCommandData } from "../../commands/story.js";
import { loadStories } from "../../src/story/config.js";

function storiesDir(story: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "stories-"));
  writeFileSync(join(dir, `${String(story.slug)}.json`), JSON.stringify(story));
  return dir;
}

const minimal = { slug: "flood", title: "Floods in the valley", description: "Briefings on the floods" };

describe("story files", () => {
  it("loads a story that gives only its name, assuming no country, zone, places or outlets", () => {
    const [story] = loadStories(storiesDir(minimal));
    expect(story).toMatchObject({ country: null, timeZone: null, places: [], outlets: [], exampleQuestion: null });
  });

  it("keeps the story's own facts: its country, time zone, local places and outlets", () => {
    const [story] = loadStories(storiesDir({ ...minimal, country: "Peru", timeZone: "America/Lima", places: ["Cusco"], outlets: ["La República"] }));
    expect(story).toMatchObject({ country: "Peru", timeZone: "America/Lima", places: ["Cusco"], outlets: ["La República"] });
  });

  it("refuses an unknown time zone, naming the file and the field", () => {
    const dir = storiesDir({ ...minimal, timeZone: "Valley/Nowhere" });
    expect(() => loadStories(dir)).toThrow(/flood\.json:\n {2}timeZone: not a known time zone.*; got "Valley\/Nowhere"/);
  });

  it("shows the story's own example question in the ask option, and a general one otherwise", () => {
    const hint = (story: Record<string, unknown>) => {
      const [config] = loadStories(storiesDir(story));
      const ask = storyCommandData(config!).options?.find((o) => o.name === "ask") as { options: { description: string }[] };
      return ask.options[0]!.description;
    };
    expect(hint({ ...minimal, exampleQuestion: "Which bridges are closed?" })).toBe("e.g. Which bridges are closed?");
    expect(hint(minimal)).not.toMatch(/Massimov/);
  });
});
