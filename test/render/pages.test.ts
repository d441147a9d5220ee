import { describe, expect, it } from "vitest";
import type { ReactionView } from "../../src/briefing/views.js";
import { renderReactions } from "../../src/render/briefings.js";
import { pageWithinLimits } from "../../src/render/page.js";

const source = { title: "Statements roundup", url: "https://news.example/roundup", outlet: "Steppe Daily", asOf: "2022-01-08T10:00:00Z" };

function reaction(country: string, n: number): ReactionView {
  return {
    actor: `${country}'s foreign ministry`,
    countryOrOrg: country,
    gist: `called for restraint and a peaceful dialogue between the government and the protesters, statement number ${n}, and said it was following events in Almaty closely`,
    quote: "We urge all sides to refrain from violence and to respect the rights of peaceful demonstrators".repeat(2),
    at: "2022-01-08T10:00:00Z",
    source,
    sources: 1,
  };
}

describe("paged lists with group headings", () => {
  // Twelve countries of two to nine long reactions: several pages, page breaks at every kind of place.
  const countries = ["Germany", "France", "Japan", "Turkey", "Canada", "Italy", "Spain", "Norway", "Poland", "Brazil", "India", "Chile"];
  const counts = [3, 9, 2, 7, 5, 4, 8, 2, 6, 3, 9, 4];
  const numbers = (i: number) => Array.from({ length: counts[i] ?? 1 }, (_x, n) => n + 1);
  const pages = renderReactions({
    story: { slug: "kazakhstan", title: "Unrest in Kazakhstan" },
    actor: null,
    groups: countries.map((c, i) => ({ countryOrOrg: c, reactions: numbers(i).map((n) => reaction(c, n)) })),
  });
  const bodies = pages.map((p) => (p.embeds[0]?.description ?? "").split("\n"));
  const isHeading = (line: string) => /^\*\*[^*]+\*\*(?: \(continued\))?$/.test(line);

  it("never leaves a heading at the bottom of a page without its items", () => {
    expect(pages.length).toBeGreaterThan(2);
    for (const lines of bodies) expect(isHeading(lines.at(-1) ?? "")).toBe(false);
  });

  it("heads every page with the group its first items belong to", () => {
    for (const lines of bodies) expect(isHeading(lines[0] ?? "")).toBe(true);
    const continued = bodies.slice(1).filter((lines) => lines[0]?.endsWith("(continued)"));
    expect(continued.length).toBeGreaterThan(0);
  });

  it("keeps every item once, in order, and every page within Discord's limits", () => {
    const items = bodies.flat().filter((l) => !isHeading(l));
    expect(items.map((l) => /statement number (\d)/.exec(l)?.[1]).join("")).toBe(countries.map((_c, i) => numbers(i).join("")).join(""));
    expect(pages.every(pageWithinLimits)).toBe(true);
  });
});
