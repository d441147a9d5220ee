import { describe, expect, it } from "vitest";
import type { Actor, Extraction, Figure, Reaction } from "../../src/extract/facts.js";
import { extractFacts } from "../../src/extract/index.js";
import { analysedFile } from "./analysed.js";

/**
 * Articles of the same story written in the shapes of other outlets (wire copy, live blog, a
 * translated broadcaster page, an explainer, a Russian agency, a statements roundup, an NGO report,
 * a follow-up with revised tolls), each read through the real pipeline and checked against what a
 * careful reader would take from it.
 */
function extractionOf(name: string): Extraction {
  const path = new URL(`../fixtures/articles/outlets/${name}`, import.meta.url).pathname;
  return extractFacts(analysedFile(path));
}

function brief(figure: Figure) {
  const { category, count, qualifier, who, attributedTo } = figure;
  return { category, count, qualifier, who, attributedTo };
}

function actorNamed(extraction: Extraction, name: string): Actor {
  const actor = extraction.actors.find((a) => a.name === name);
  if (!actor) throw new Error(`no actor "${name}" among ${extraction.actors.map((a) => a.name).join(", ")}`);
  return actor;
}

function reactionOf(extraction: Extraction, actor: string): Reaction {
  const reaction = extraction.reactions.find((r) => r.actor === actor);
  if (!reaction) throw new Error(`no reaction by "${actor}" among ${extraction.reactions.map((r) => r.actor).join(", ")}`);
  return reaction;
}

const names = (extraction: Extraction) => extraction.actors.map((a) => a.name);
const casualties = (extraction: Extraction) => extraction.figures.filter((f) => f.category !== "other").map(brief);

describe("a wire report with a dateline and weekday times", () => {
  const wire = extractionOf("wire-csto-troops.txt");

  it("says the 353 wounded were security forces too", () => {
    expect(wire.figures.find((f) => f.count === 353)).toMatchObject({ category: "injured", who: "members of the security forces" });
  });

  it("leads the summary with the lead's development, without the dateline", () => {
    expect(wire.summary[0]?.text).toMatch(/^A Russia-led military alliance said on Thursday it would send troops/);
  });

  it("counts injured and security forces killed, each with its source", () => {
    expect(casualties(wire)).toEqual(
      expect.arrayContaining([
        { category: "injured", count: 1000, qualifier: "more than", who: "people", attributedTo: "health ministry" },
        { category: "killed", count: 12, qualifier: "exact", who: "members of the security forces", attributedTo: "state media" },
      ]),
    );
  });

  it("names the people in the news, not the agency, its reporters or the cities", () => {
    expect(names(wire)).toEqual(
      expect.arrayContaining(["Kassym-Jomart Tokayev", "Nikol Pashinyan", "Askar Mamin", "Nursultan Nazarbayev", "Jen Psaki", "CSTO"]),
    );
    for (const notAnActor of ["Reuters", "Aliya Nurlanova", "Peter Graham", "Ruth Miller", "Almaty", "Zhanaozen", "Washington"]) {
      expect(names(wire)).not.toContain(notAnActor);
    }
    // The wire never says whose president he is: no country is assumed, not even the story's.
    expect(actorNamed(wire, "Kassym-Jomart Tokayev")).toMatchObject({ role: "President", affiliation: null });
    expect(actorNamed(wire, "Kassym-Jomart Tokayev").aliases).toContain("Tokayev");
    expect(actorNamed(wire, "CSTO").aliases).toContain("Collective Security Treaty Organization");
  });

  it("records the CSTO chair's decision and the White House's warning as foreign reactions", () => {
    expect(reactionOf(wire, "Jen Psaki")).toMatchObject({ countryOrOrg: "United States" });
    expect(reactionOf(wire, "Jen Psaki").gist).toMatch(/^said the United States was watching for any violations of human rights/);
    const pashinyan = reactionOf(wire, "Nikol Pashinyan");
    expect(pashinyan.gist).toContain("collective peacekeeping forces");
    expect(pashinyan.quote === null || pashinyan.quote.includes("collective peacekeeping forces")).toBe(true);
    expect(wire.reactions.map((r) => r.actor)).not.toContain("Kassym-Jomart Tokayev");
  });

  it("dates the start of the unrest on the Sunday before the report, not after it", () => {
    const start = wire.timeline.find((e) => e.text.startsWith("The unrest began on Sunday"));
    expect(start?.at.slice(0, 10)).toBe("2022-01-02");
  });
});

describe("a live blog with timed entries", () => {
  const live = extractionOf("live-blog-shoot-order.txt");

  it("gives each entry's facts the entry's time", () => {
    const toll = live.figures.find((f) => f.count === 26);
    expect(toll?.asOf).toBe("2022-01-07T13:40:00+01:00");
    expect(reactionOf(live, "Antonio Guterres").at).toBe("2022-01-07T10:30:00+01:00");
  });

  it("keeps the interior ministry as the source of the next sentence's 'it said'", () => {
    expect(casualties(live)).toEqual([
      { category: "killed", count: 26, qualifier: "exact", who: "armed criminals", attributedTo: "interior ministry" },
      { category: "killed", count: 18, qualifier: "exact", who: "members of the security forces", attributedTo: "interior ministry" },
      { category: "detained", count: 3000, qualifier: "more than", who: "people", attributedTo: "interior ministry" },
    ]);
  });

  it("keeps Tokayev's 20,000 bandits out of the casualty table", () => {
    expect(live.figures.filter((f) => f.count === 20000).map((f) => f.category)).toEqual(["other"]);
  });

  it("finds Blinken, Xi and Guterres reacting, each once, with their own words as quotes", () => {
    expect(live.reactions.map((r) => [r.actor, r.countryOrOrg])).toEqual(
      expect.arrayContaining([
        ["Antony Blinken", "United States"],
        ["Xi Jinping", "China"],
        ["Antonio Guterres", "UN"],
      ]),
    );
    expect(reactionOf(live, "Antony Blinken").quote).toMatch(/^One lesson of recent history/);
    // A quoted phrase inside the sentence is the quote, never the text after it.
    const xi = live.reactions.filter((r) => r.actor === "Xi Jinping");
    for (const reaction of xi) expect(reaction.quote ?? "highly responsible").toContain("highly responsible");
  });

  it("keeps Xi's two-word quoted praise as his quote", () => {
    expect(reactionOf(live, "Xi Jinping").quote).toBe("highly responsible");
  });

  it("knows 'UN chief' in a heading as Guterres, not as a second actor", () => {
    expect(names(live)).not.toContain("UN chief");
  });
});

describe("a German public broadcaster's page translated to English", () => {
  const page = extractionOf("translated-broadcaster.txt");

  it("counts the arrests and the health ministry's unverified 164 dead", () => {
    expect(casualties(page)).toEqual(
      expect.arrayContaining([
        { category: "arrested", count: 6000, qualifier: "almost", who: "people", attributedTo: "presidential office" },
        { category: "killed", count: 164, qualifier: "exact", who: "people", attributedTo: "health ministry" },
      ]),
    );
    expect(page.figures.find((f) => f.count === 164)?.unverified).toBe(true);
  });

  it("hears Baerbock once for the lead and the paragraph on the same call, with her quote", () => {
    const baerbock = page.reactions.filter((r) => r.actor === "Annalena Baerbock");
    expect(baerbock).toHaveLength(1);
    expect(baerbock[0]).toMatchObject({ countryOrOrg: "Germany", quote: expect.stringMatching(/^Violence cannot be the answer/) });
    expect(baerbock[0]!.gist).toMatch(/restraint/);
  });

  it("counts the 103 of them killed in Almaty as a share of the dead", () => {
    expect(page.figures.find((f) => f.count === 103)).toMatchObject({ category: "killed", who: "people in Almaty alone" });
  });

  it("says who the earlier 18 dead were", () => {
    expect(page.figures.find((f) => f.count === 18)).toMatchObject({ category: "killed", who: "members of the security forces" });
  });

  it("places the translated 'Federal Foreign Minister' in Germany and records her call as a reaction", () => {
    expect(actorNamed(page, "Annalena Baerbock")).toMatchObject({ role: "Federal Foreign Minister", affiliation: "Germany" });
    const reaction = reactionOf(page, "Annalena Baerbock");
    expect(reaction).toMatchObject({ countryOrOrg: "Germany" });
    expect(reaction.gist).toMatch(/restraint/);
  });

  it("gives Massimov the office named in front of him", () => {
    expect(actorNamed(page, "Karim Massimov").role).toMatch(/former head of the domestic secret service/);
  });

  it("reads the broadcaster's video credit", () => {
    expect(page.videos).toEqual([
      expect.objectContaining({
        title: "Almaty after the night of shooting",
        reporter: "Silvia Brandt",
        outlet: "ARD Moscow",
        airedAt: "2022-01-08T22:45:00+01:00",
      }),
    ]);
  });
});

describe("an explainer with question headings", () => {
  const explainer = extractionOf("explainer-who-is.txt");

  it("merges 'Mr Tokayev' with the full name from the 'Who is' heading", () => {
    const tokayev = actorNamed(explainer, "Kassym-Jomart Tokayev");
    expect(tokayev.aliases).toEqual(expect.arrayContaining(["Mr Tokayev"]));
    expect(names(explainer).filter((n) => n.includes("Tokayev"))).toHaveLength(1);
  });

  it("takes Tokayev's office from 'has been president since 2019'", () => {
    expect(actorNamed(explainer, "Kassym-Jomart Tokayev")).toMatchObject({ role: "president", affiliation: null });
  });

  it("summarises developments, not the questions or the reading guide", () => {
    for (const line of explainer.summary) {
      expect(line.text).not.toMatch(/\?$/);
      expect(line.text).not.toMatch(/^Here is what we know/);
    }
  });

  it("counts the security forces killed and keeps troops and prices out of the casualty table", () => {
    expect(casualties(explainer)).toEqual([
      { category: "killed", count: 18, qualifier: "at least", who: "members of the security forces", attributedTo: "officials" },
    ]);
  });

  it("dates the first rallies and the internet shutdown from day-month dates", () => {
    expect(explainer.timeline.map((e) => e.at.slice(0, 10))).toEqual(expect.arrayContaining(["2022-01-01", "2022-01-02", "2022-01-05"]));
  });
});

describe("a Russian agency's report of the CSTO summit", () => {
  const tass = extractionOf("russian-csto-summit.txt");

  it("records Putin and the Russian Foreign Ministry as reacting, not Tokayev", () => {
    expect(reactionOf(tass, "Vladimir Putin")).toMatchObject({ countryOrOrg: "Russia" });
    expect(reactionOf(tass, "Russian Foreign Ministry").gist).toMatch(/^described the unrest as an externally inspired attempt/);
    expect(tass.reactions.map((r) => r.actor)).not.toContain("Kassym-Jomart Tokayev");
  });

  it("gives the CSTO's secretary general his organisation", () => {
    expect(actorNamed(tass, "Stanislav Zas")).toMatchObject({ affiliation: "CSTO" });
  });

  it("counts the detained and keeps deployed servicemen out of the casualty table", () => {
    expect(casualties(tass)).toEqual([{ category: "detained", count: 7939, qualifier: "exact", who: "people", attributedTo: "Kazakh Interior Ministry" }]);
    expect(tass.figures.find((f) => f.count === 2000)?.category).toBe("other");
  });

  it("names no agency as an actor", () => {
    expect(names(tass)).not.toContain("TASS");
  });
});

describe("a roundup of statements from the EU, UN, US, Turkey and China", () => {
  const roundup = extractionOf("statements-roundup.txt");

  it("has a reaction from every foreign government and organisation quoted", () => {
    const byActor = new Map(roundup.reactions.map((r) => [r.actor, r.countryOrOrg]));
    expect(Object.fromEntries(byActor)).toMatchObject({
      "Josep Borrell": "EU",
      "Antonio Guterres": "UN",
      "Michelle Bachelet": "UN",
      "Antony Blinken": "United States",
      "Recep Tayyip Erdogan": "Turkey",
      "Wang Wenbin": "China",
    });
    expect(["EU", "European Council"]).toContain(byActor.get("Charles Michel"));
  });

  it("places Blinken's Kazakh counterpart in Kazakhstan", () => {
    expect(actorNamed(roundup, "Mukhtar Tileuberdi")).toMatchObject({ kind: "person", affiliation: "Kazakhstan" });
  });

  it("files the European Council president's call under the EU", () => {
    expect(roundup.reactions.find((r) => r.actor === "Charles Michel")?.countryOrOrg).toBe("EU");
  });

  it("hears the Chinese foreign ministry's spokesman once, not the ministry beside him", () => {
    expect(roundup.reactions.filter((r) => r.countryOrOrg === "China").map((r) => r.actor)).toEqual(["Wang Wenbin"]);
    expect(actorNamed(roundup, "Wang Wenbin").aliases).toContain("Chinese foreign ministry spokesman Wang Wenbin");
  });

  it("keeps Borrell's own words as his quote", () => {
    expect(reactionOf(roundup, "Josep Borrell").quote).toBe("We call on all sides to act with restraint and to avoid further escalation");
  });

  it("gives the UN human rights chief named after her title that title", () => {
    expect(actorNamed(roundup, "Michelle Bachelet")).toMatchObject({ affiliation: "UN" });
    expect(names(roundup)).not.toContain("UN human rights chief");
  });

  it("does not count Kazakhstan's own foreign minister as a foreign reaction", () => {
    expect(roundup.reactions.map((r) => r.actor)).not.toContain("Mukhtar Tileuberdi");
  });

  it("has no figures: a statements page counts nothing", () => {
    expect(roundup.figures).toEqual([]);
  });
});

describe("a human-rights NGO's report", () => {
  const ngo = extractionOf("ngo-report.txt");

  it("reads a bracketed place before the dash as a dateline, not as text", () => {
    expect(ngo.sentences[0]?.text).toMatch(/^Kazakh authorities should ensure/);
  });

  it("counts the dead, the security forces among them, the detained and the injured", () => {
    expect(casualties(ngo)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: "killed", count: 225, attributedTo: "Prosecutor General's Office" }),
        { category: "killed", count: 19, qualifier: "exact", who: "members of the security forces", attributedTo: "Prosecutor General's Office" },
        { category: "detained", count: 10000, qualifier: "almost", who: "people", attributedTo: "Interior Ministry" },
        { category: "injured", count: 4500, qualifier: "more than", who: "people", attributedTo: "health ministry" },
      ]),
    );
    expect(ngo.figures.find((f) => f.count === 20000)).toMatchObject({ category: "other", attributedTo: "President Tokayev" });
  });

  it("takes no region as a person", () => {
    expect(names(ngo)).not.toContain("Central Asia");
  });

  it("hears the researcher quoted before her name as a reaction with her quote", () => {
    expect(ngo.reactions.find((r) => r.actor === "Mihra Rittmann")).toMatchObject({
      countryOrOrg: "Human Rights Watch",
      quote: expect.stringContaining("heavy-handed and at times deadly"),
    });
  });

  it("gives the researcher her organisation", () => {
    expect(actorNamed(ngo, "Mihra Rittmann")).toMatchObject({ kind: "person", affiliation: "Human Rights Watch" });
  });

  it("gives a statement that ends in 'said today' the words it reports as gist", () => {
    for (const reaction of ngo.reactions) expect(reaction.gist).not.toBe("said today");
  });
});

describe("a follow-up days later with the revised death toll", () => {
  const followup = extractionOf("followup-revised-toll.txt");

  it("counts 225 killed including 19 of the police and military, and the withdrawn 164", () => {
    const counts = casualties(followup);
    expect(counts).toContainEqual(expect.objectContaining({ category: "killed", count: 225, attributedTo: "Kazakh authorities" }));
    expect(counts).toContainEqual(expect.objectContaining({ category: "killed", count: 19, who: "members of the police and the military" }));
    expect(counts).toContainEqual(expect.objectContaining({ category: "killed", count: 164 }));
    expect(counts).toContainEqual({ category: "detained", count: 10000, qualifier: "almost", who: "people", attributedTo: "interior ministry" });
  });

  it("attributes what an official 'told reporters' to the official, not to the reporters", () => {
    for (const figure of followup.figures) expect(figure.attributedTo).not.toBe("reporters");
    expect(followup.figures.find((f) => f.count === 19)?.attributedTo).toBe("Serik Shalabayev");
  });

  it("gives the new prime minister the office he was named 'as'", () => {
    expect(actorNamed(followup, "Alikhan Smailov")).toMatchObject({ role: "prime minister", affiliation: null });
  });

  it("makes Mamin, whom Smailov replaced, the former prime minister", () => {
    expect(actorNamed(followup, "Askar Mamin")).toMatchObject({ role: "former prime minister", affiliation: null });
  });

  it("names the officials without taking the region or the agency's reporter for people", () => {
    expect(names(followup)).toEqual(expect.arrayContaining(["Serik Shalabayev", "Alikhan Smailov", "Askar Mamin", "Nursultan Nazarbayev", "Karim Massimov"]));
    for (const notAnActor of ["Central Asian", "Dmitry Orlov", "Associated Press", "AP"]) expect(names(followup)).not.toContain(notAnActor);
  });

  it("gives an official his office from the apposition after his name", () => {
    expect(actorNamed(followup, "Serik Shalabayev").role).toMatch(/^head of criminal prosecution/);
    expect(actorNamed(followup, "Karim Massimov").role).toMatch(/^former head of the National Security Committee/);
  });

  it("finds no foreign reaction in a report of Kazakh officials but the alliance that withdraws its troops", () => {
    // A withdrawal whose subject is a named organisation is a reaction (the dev set's convention).
    expect(followup.reactions.map((r) => [r.actor, r.countryOrOrg])).toEqual([["CSTO", "CSTO"]]);
  });
});
