import { describe, expect, it } from "vitest";
import type { Figure } from "../../src/extract/facts.js";
import { extractFigures } from "../../src/extract/figures.js";
import { analysedText, SEED_AS_OF as AT, seedAnalysis } from "./analysed.js";

function figuresIn(...paragraphs: string[]): Figure[] {
  return extractFigures(analysedText(paragraphs.join("\n\n")));
}

/** The fields a briefing shows, without the sentence bookkeeping. */
function brief(figure: Figure) {
  const { category, count, qualifier, who, unit, attributedTo } = figure;
  return { category, count, qualifier, who, unit, attributedTo };
}

describe("figures in the seed article", () => {
  const seed = seedAnalysis();
  const sentences = seed.sentences;
  const figures = extractFigures(seed);
  const find = (count: number) => figures.filter((f) => f.count === count);

  it("counts 26 demonstrators killed, as State television reported", () => {
    const [figure] = find(26);
    expect(figure && brief(figure)).toEqual({
      category: "killed",
      count: 26,
      qualifier: "exact",
      who: "demonstrators",
      unit: null,
      attributedTo: "state television",
    });
    expect(figure?.sentence).toBe("State television reported on Friday that 26 demonstrators had already been killed.");
    expect(sentences[figure?.sentenceIndex ?? -1]?.text).toBe(figure?.sentence);
    // Reported "on Friday" in a Saturday article: the count held on that Friday.
    expect(figure?.asOf).toBe("2022-01-07");
  });

  it("counts more than 4,000 arrests", () => {
    expect(find(4000).map(brief)).toEqual([{ category: "arrested", count: 4000, qualifier: "more than", who: null, unit: null, attributedTo: null }]);
  });

  it("counts at least 18 police officers and soldiers killed, according to official information", () => {
    expect(find(18).map(brief)).toEqual([
      {
        category: "killed",
        count: 18,
        qualifier: "at least",
        who: "police officers and soldiers",
        unit: null,
        attributedTo: "official information",
      },
    ]);
  });

  it("keeps Tokayev's claim of 20,000 attackers out of the casualty table", () => {
    const claims = find(20000);
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) expect(claim).toMatchObject({ category: "other", unit: "terrorists", who: null });
    expect(claims.map(brief)).toContainEqual({
      category: "other",
      count: 20000,
      qualifier: "up to",
      who: null,
      unit: "terrorists",
      attributedTo: "President Kassym-Shomart Tokayev",
    });
    // The heading that announces the claim repeats the paragraph's number: it is counted once.
    expect(claims).toHaveLength(1);
  });

  it("reads the arms licences and their value as two non-casualty figures", () => {
    expect(figures.filter((f) => f.sentence.startsWith("Last year")).map(brief)).toEqual([
      { category: "other", count: 25, qualifier: "exact", who: null, unit: "licenses", attributedTo: null },
      { category: "other", count: 2_200_000, qualifier: "about", who: null, unit: "euros", attributedTo: null },
    ]);
  });

  it("takes no figure from years, dates or clock times", () => {
    for (const value of [2022, 1789, 8, 7, 9, 12, 39, 34, 6]) expect(find(value)).toEqual([]);
  });

  it("has exactly one casualty figure per category reported", () => {
    const casualties = figures.filter((f) => f.category !== "other").map((f) => `${f.category} ${f.count}`);
    expect(casualties).toEqual(["killed 26", "arrested 4000", "killed 18"]);
  });
});

describe("figures in other reporting", () => {
  it("reads a death toll with the ministry that gave it", () => {
    expect(figuresIn("The death toll rose to 57 on Sunday, the health ministry said.").map(brief)).toEqual([
      { category: "killed", count: 57, qualifier: "exact", who: null, unit: null, attributedTo: "health ministry" },
    ]);
  });

  it("ties a toll to its number across a description of what it counts", () => {
    expect(figuresIn("The death toll from a week of unrest across the country climbed to 164, officials said on Sunday.").map(brief)).toEqual([
      { category: "killed", count: 164, qualifier: "exact", who: null, unit: null, attributedTo: "officials" },
    ]);
  });

  it("attributes a count to the source named with 'according to'", () => {
    expect(figuresIn("At least 31 people were killed in clashes in Almaty, according to the health ministry.").map(brief)).toEqual([
      { category: "killed", count: 31, qualifier: "at least", who: "people", unit: null, attributedTo: "health ministry" },
    ]);
  });

  it("attributes a count to the person who said it on a given day", () => {
    const [figure] = figuresIn("Almost 3,000 people have been detained since Wednesday, Interior Minister Erlan Turgumbayev said on Monday.");
    expect(figure && brief(figure)).toEqual({
      category: "detained",
      count: 3000,
      qualifier: "almost",
      who: "people",
      unit: null,
      attributedTo: "Interior Minister Erlan Turgumbayev",
    });
  });

  it("counts injured people without a stated noun", () => {
    expect(figuresIn("More than 1,200 were injured, officials told reporters.").map(brief)).toEqual([
      { category: "injured", count: 1200, qualifier: "more than", who: null, unit: null, attributedTo: "officials" },
    ]);
  });

  it("reads who among the dead a spelled-out number counts", () => {
    expect(figuresIn("Three of the dead were children.").map(brief)).toEqual([
      { category: "killed", count: 3, qualifier: "exact", who: "children", unit: null, attributedTo: null },
    ]);
  });

  it("reads the total and the children named in an aside as two killed figures", () => {
    const figures = figuresIn("In all, 164 people, including three children, were killed, the Khabar 24 channel reported, citing the interior ministry.");
    expect(figures.map((f) => [f.category, f.count, f.who])).toEqual([
      ["killed", 164, "people"],
      ["killed", 3, "children"],
    ]);
    expect(figures.map((f) => f.attributedTo)).not.toContain(null);
  });

  it("reads a trailing 'the interior ministry said' as the source", () => {
    expect(figuresIn("Nearly 8,000 people were detained, the interior ministry said.").map(brief)).toEqual([
      { category: "detained", count: 8000, qualifier: "almost", who: "people", unit: null, attributedTo: "interior ministry" },
    ]);
  });

  it("gives no count for 'dozens', which states none", () => {
    expect(figuresIn("Dozens were wounded when police opened fire, and hundreds were detained.")).toEqual([]);
  });

  it("treats foreign troops as a count of troops, not casualties", () => {
    expect(figuresIn("The Russian-led alliance said it would send some 2,500 troops to Kazakhstan.").map(brief)).toEqual([
      { category: "other", count: 2500, qualifier: "about", who: null, unit: "troops", attributedTo: "Russian-led alliance" },
    ]);
  });

  it("finds no figure in dates, times, ages, years and phone numbers", () => {
    expect(
      figuresIn(
        "On 2 January 2022 at 10:30 a.m., a 45-year-old resident aged 45 called +7 727 255 5555.",
        "Protests began on January 2, 2022, ten years after the 2011 Zhanaozen strike.",
      ),
    ).toEqual([]);
  });

  it("keeps the attackers a speaker claims apart from the police they are said to have killed", () => {
    expect(figuresIn("Some 20,000 attackers killed 12 police officers, Tokayev claimed.").map(brief)).toEqual([
      { category: "other", count: 20000, qualifier: "about", who: null, unit: "attackers", attributedTo: "Tokayev" },
      { category: "killed", count: 12, qualifier: "exact", who: "police officers", unit: null, attributedTo: "Tokayev" },
    ]);
  });

  it("splits a sentence of several casualty kinds into one figure each", () => {
    expect(figuresIn("Twenty-six protesters died and about 40 were hurt, said Almaty mayor Bakytzhan Sagintayev.").map(brief)).toEqual([
      { category: "killed", count: 26, qualifier: "exact", who: "protesters", unit: null, attributedTo: "Almaty mayor Bakytzhan Sagintayev" },
      { category: "injured", count: 40, qualifier: "about", who: null, unit: null, attributedTo: "Almaty mayor Bakytzhan Sagintayev" },
    ]);
  });

  it("reads casualty words directly after the number", () => {
    expect(figuresIn("By Friday there were 26 dead, 1,000 injured and 12 missing.").map((f) => [f.category, f.count])).toEqual([
      ["killed", 26],
      ["injured", 1000],
      ["missing", 12],
    ]);
  });

  it("reads an active verb before the number as what happened to the counted people", () => {
    expect(figuresIn("Police arrested more than 200 people in Aktau on Thursday.").map(brief)).toEqual([
      { category: "arrested", count: 200, qualifier: "more than", who: "people", unit: null, attributedTo: null },
    ]);
  });

  it("reads percentages and money as other figures with their unit", () => {
    expect(figuresIn("Gas prices rose by 100 percent, and the EU pledged €5m in aid.").map((f) => [f.category, f.count, f.unit])).toEqual([
      ["other", 100, "%"],
      ["other", 5_000_000, "euros"],
    ]);
  });

  it("leaves out spans of time, 'no one' and references like 'the two countries'", () => {
    expect(figuresIn("No one was hurt when the two countries met, and the cabinet resigned two days later.")).toEqual([]);
  });

  it("does not take a pronoun as the source", () => {
    expect(figuresIn("It was reported that 12 soldiers are missing.").map(brief)).toEqual([
      { category: "missing", count: 12, qualifier: "exact", who: "soldiers", unit: null, attributedTo: null },
    ]);
  });

  it("reads a casualty word that closes the counted phrase", () => {
    expect(figuresIn("The clashes left at least 225 people dead.").map(brief)).toEqual([
      { category: "killed", count: 225, qualifier: "at least", who: "people", unit: null, attributedTo: null },
    ]);
    expect(figuresIn("26 people killed in clashes in Almaty").map((f) => [f.category, f.who])).toEqual([["killed", "people"]]);
  });

  it("gives a share named with 'including' the category of the toll it belongs to", () => {
    expect(figuresIn("At least 4,353 people were injured, including 3,393 law enforcement officers.").map((f) => [f.category, f.count, f.who])).toEqual([
      ["injured", 4353, "people"],
      ["injured", 3393, "law enforcement officers"],
    ]);
  });

  it("keeps 'members of the security forces' whole as who was counted", () => {
    expect(figuresIn("Officials said 18 members of the security forces were killed, two of them beheaded.").map(brief)).toEqual([
      { category: "killed", count: 18, qualifier: "exact", who: "members of the security forces", unit: null, attributedTo: "officials" },
    ]);
  });

  it("carries the sentence's time and doubt onto the figure", () => {
    const [figure] = figuresIn("Forty people are said to have been killed in Taldykorgan.");
    expect(figure).toMatchObject({ category: "killed", count: 40, asOf: AT, unverified: true, sentenceIndex: 0 });
  });

  it("dates a count by the day its sentence names before the report, and a period's count by the report", () => {
    const [friday, sunday] = figuresIn("On Friday the health ministry said 40 people had died.", "The ministry raised the toll to 164 on Sunday.");
    expect(friday).toMatchObject({ count: 40, asOf: "2022-01-07" });
    // The seed's own time (Saturday) is before Sunday: a day still to come in the report keeps the report's time.
    expect(sunday).toMatchObject({ count: 164, asOf: AT });
    const [since] = figuresIn("State television said 44 people had been killed since Wednesday.");
    expect(since).toMatchObject({ count: 44, asOf: AT });
  });

  it("counts the people said to be among the casualties in the casualties' category", () => {
    expect(figuresIn("Police said two officers were among those hurt.").map(brief)).toEqual([
      { category: "injured", count: 2, qualifier: "exact", who: "officers", unit: null, attributedTo: "Police" },
    ]);
    expect(figuresIn("Three journalists are among the dead, the union said.")[0]).toMatchObject({ category: "killed", count: 3, who: "journalists" });
  });

  it("reads a count put at one remove by any hearsay verb as a claim, and an estimate as a figure", () => {
    const [feared] = figuresIn("About 60 miners are feared to have died in the flooded shaft.");
    expect(feared).toMatchObject({ category: "killed", count: 60, qualifier: "about", unverified: true });
    const [estimated] = figuresIn("Some 300 people were estimated to have been detained by Tuesday.");
    expect(estimated).toMatchObject({ category: "detained", count: 300, unverified: false });
  });

  it("gives a count joined on with 'and' the people of the count before it", () => {
    const [killed, wounded] = figuresIn("Officials said 31 police officers had been killed and 140 wounded in Osh.");
    expect(killed).toMatchObject({ category: "killed", count: 31, who: "police officers" });
    expect(wounded).toMatchObject({ category: "injured", count: 140, who: "police officers" });
  });

  it("counts a share given as 'N of them' in the category of the figure before it", () => {
    const figures = figuresIn("At least 57 people died in the clashes, 40 of them in the capital.");
    expect(figures.map((f) => [f.category, f.count, f.who])).toEqual([
      ["killed", 57, "people"],
      // A share counts other people than the total, so it never reads as the total's later value.
      ["killed", 40, "people in the capital"],
    ]);
  });
});
