import { describe, expect, it } from "vitest";
import { extractActors } from "../../src/extract/actors.js";
import type { Actor } from "../../src/extract/facts.js";
import { analysedText, NO_STORY, seedAnalysis } from "./analysed.js";

function named(actors: readonly Actor[], name: string): Actor {
  const actor = actors.find((a) => a.name === name);
  if (!actor) throw new Error(`no actor "${name}" among ${actors.map((a) => a.name).join(", ")}`);
  return actor;
}

const actorsOf = (text: string, story = NO_STORY) => extractActors(analysedText(text, { story }));
const KYRGYZSTAN = { country: "Kyrgyzstan", places: ["Osh"], outlets: [] };

describe("extractActors on the seed article", () => {
  const seed = seedAnalysis();
  const actors = extractActors(seed);
  const mentioning = (word: string): number[] => seed.sentences.filter((s) => s.text.includes(word)).map((s) => s.index);

  it("finds exactly the people and organisations in the news, not places, media or sentence openers", () => {
    expect(actors.map((a) => a.name).sort()).toEqual(
      [
        "Karim Massimov",
        "Kassym-Shomart Tokayev",
        "Nursultan Nazarbayev",
        "Olaf Scholz",
        "Jens Stoltenberg",
        "NATO",
        "US State Department",
        "German federal government",
      ].sort(),
    );
  });

  it("merges every form of Tokayev into one actor named by his fullest name", () => {
    const tokayev = named(actors, "Kassym-Shomart Tokayev");
    expect(tokayev).toMatchObject({ id: "kassym-shomart-tokayev", kind: "person", role: "President" });
    expect(tokayev.aliases).toEqual(expect.arrayContaining(["Tokayev", "President Tokayev"]));
    expect(tokayev.aliases).not.toContain(tokayev.name);
    // Every sentence naming him, plus "He defended this on Twitter" right after "President Tokayev has given…".
    const defended = seed.sentences.find((s) => s.text.startsWith("He defended"))!.index;
    expect(tokayev.mentions).toEqual([...mentioning("Tokayev"), defended].sort((a, b) => a - b));
  });

  it("says no country the article's news text does not give: the seed names Tokayev's only in a video caption", () => {
    expect(named(actors, "Kassym-Shomart Tokayev").affiliation).toBeNull();
    expect(named(actors, "Nursultan Nazarbayev")).toMatchObject({ role: "ex-president", affiliation: null });
  });

  it("merges Karim Massimov with the ex-prime minister of the same surname, placed by 'Kazakhstan's prime minister'", () => {
    const massimov = named(actors, "Karim Massimov");
    expect(massimov).toMatchObject({ id: "karim-massimov", role: "ex-prime minister", affiliation: "Kazakhstan", kind: "person" });
    expect(massimov.aliases).toEqual(expect.arrayContaining(["Massimov", "ex-prime minister Massimov", "Ex-Prime Minister Massimov"]));
    expect(massimov.mentions).toEqual(expect.arrayContaining(mentioning("Massimov")));
    // "He is accused of treason" follows the paragraph about him.
    expect(massimov.mentions).toContain(seed.sentences.find((s) => s.text.startsWith("He is accused"))!.index);
  });

  it("places a bare Chancellor and the unplaced federal government in Germany", () => {
    expect(named(actors, "Olaf Scholz")).toMatchObject({ role: "Chancellor", affiliation: "Germany", aliases: ["Chancellor Olaf Scholz"] });
    expect(named(actors, "German federal government")).toMatchObject({ kind: "organisation", affiliation: "Germany" });
  });

  it("gives Stoltenberg NATO's title and NATO itself a mention through 'the alliance'", () => {
    expect(named(actors, "Jens Stoltenberg")).toMatchObject({ role: "NATO Secretary General", affiliation: "NATO", kind: "person" });
    expect(named(actors, "NATO")).toMatchObject({ kind: "organisation", affiliation: "NATO", mentions: mentioning("NATO") });
    expect(named(actors, "US State Department")).toMatchObject({ kind: "organisation", affiliation: "United States" });
  });

  it("takes Kazakhstan as the home country from the story file", () => {
    expect(seed.home?.name).toBe("Kazakhstan");
  });
});

describe("extractActors on other reporting", () => {
  it("leaves office holders the text does not name out of the actors, like agencies and places", () => {
    const actors = actorsOf(`Abroad, the EU's foreign policy chief called for restraint on all sides in Kazakhstan.
The Chinese president sent a message of support to the leadership in Nur-Sultan, the Xinhua news agency reported.
The UN Secretary-General urged calm. The US Secretary of State questioned the decision to call in foreign troops.`);
    expect(actors.map((a) => a.name)).toEqual(["EU", "UN"]);
  });

  it("keeps news agencies and portals cited as sources out, and a bare quoted surname in", () => {
    const actors = actorsOf(`“The situation is under control,” Tokayev said, according to the Interfax news agency.
Reuters reported that gunfire could still be heard in Almaty. According to the portal Orda.kz, shops in Kazakhstan's largest city stayed closed.
State television showed burnt-out cars.`);
    expect(actors.map((a) => a.name)).toEqual(["Tokayev"]);
  });

  it("tells two people apart and follows each by surname into the next paragraph", () => {
    const actors =
      actorsOf(`Kazakh Prime Minister Askar Mamin resigned along with his cabinet on Wednesday. Alikhan Smailov, his first deputy, was appointed acting prime minister.

Mamin had led the government since 2019. Smailov said the new cabinet would review fuel prices.`);
    const mamin = named(actors, "Askar Mamin");
    const smailov = named(actors, "Alikhan Smailov");
    expect(mamin).toMatchObject({ role: "Prime Minister", affiliation: "Kazakhstan", mentions: [0, 2] });
    expect(mamin.aliases).toEqual(expect.arrayContaining(["Kazakh Prime Minister Askar Mamin", "Mamin"]));
    expect(smailov).toMatchObject({ id: "alikhan-smailov", mentions: [1, 3] });
    expect(smailov.aliases).toContain("Smailov");
  });

  it("does not read a title-case headline as a name, yet counts it as a mention", () => {
    const analysis = analysedText(
      `Kazakh President Tokayev Orders Troops To Shoot Without Warning

President Kassym-Jomart Tokayev said in a televised address that he had ordered troops to shoot without warning. Kazakhstan has been in turmoil for a week.

The president said talks with the protesters were out of the question.`,
      { headings: [0] },
    );
    const actors = extractActors(analysis);
    expect(actors.map((a) => a.name)).toEqual(["Kassym-Jomart Tokayev"]);
    expect(actors[0]).toMatchObject({ mentions: [0, 1, 3], affiliation: "Kazakhstan" });
    expect(actors[0]!.aliases).toContain("Kazakh President Tokayev");
  });

  it("refers 'the alliance' to the alliance named last", () => {
    const actors = actorsOf(`NATO said it was following events in Kazakhstan closely.

The Russia-led Collective Security Treaty Organization (CSTO) agreed to send peacekeepers to Kazakhstan. The alliance sent about 2,500 troops on Thursday.`);
    expect(named(actors, "CSTO")).toMatchObject({ kind: "organisation", mentions: [1, 2] });
    expect(named(actors, "CSTO").aliases).toContain("Collective Security Treaty Organization");
    expect(named(actors, "NATO").mentions).toEqual([0]);
  });

  it("gives a spokesman the organisation he speaks for and its country", () => {
    const actors = actorsOf("Kremlin spokesman Dmitry Peskov said Moscow would honour its obligations to Kazakhstan.");
    expect(named(actors, "Dmitry Peskov")).toMatchObject({ role: "Kremlin spokesman", affiliation: "Russia" });
    expect(named(actors, "Kremlin")).toMatchObject({ kind: "organisation", affiliation: "Russia" });
  });

  it("takes a title from an appositive instead of inventing a second actor", () => {
    const actors = actorsOf("Josep Borrell, the EU's foreign policy chief, said the bloc was ready to help Kazakhstan.");
    // The EU is an actor of its own: "the bloc was ready to help".
    expect(actors.map((a) => a.name).sort()).toEqual(["EU", "Josep Borrell"]);
    expect(named(actors, "Josep Borrell")).toMatchObject({ role: "EU foreign policy chief", affiliation: "EU" });
  });

  it("knows a person by an honorific and merges it with the bare surname", () => {
    const actors = actorsOf("Mr Tokayev rejected the criticism. Tokayev later sacked the cabinet of Kazakhstan.");
    expect(actors).toMatchObject([{ name: "Tokayev", aliases: ["Mr Tokayev"], mentions: [0, 1] }]);
  });

  it("treats a country or a capital that acts as a voice of its government, never as an actor", () => {
    const actors = actorsOf(
      "Germany suspended arms exports to Kazakhstan. Berlin said the exports would stay suspended. Troops from Russia arrived in Kazakhstan.",
    );
    expect(actors).toEqual([]);
  });

  it("ends a name at a title and does not make an unplaced foreign office holder domestic", () => {
    const actors = actorsOf(`Almaty Mayor Bakytzhan Sagintayev said the city was calm again. Kazakhstan's President Kassym-Jomart Tokayev thanked the CSTO.

European Council President Charles Michel said he had spoken with Tokayev. Chinese President Xi Jinping praised the measures. Xi said China opposed any interference in Kazakhstan.`);
    expect(named(actors, "Bakytzhan Sagintayev")).toMatchObject({ role: "Almaty Mayor", affiliation: null });
    expect(named(actors, "Kassym-Jomart Tokayev")).toMatchObject({ affiliation: "Kazakhstan", mentions: [1, 2] });
    expect(named(actors, "Charles Michel")).toMatchObject({ role: "European Council President", affiliation: "European Council" });
    expect(named(actors, "Xi Jinping")).toMatchObject({ affiliation: "China", mentions: [3, 4] });
    expect(named(actors, "Xi Jinping").aliases).toContain("Xi");
  });

  it("gives a person the title a sentence states of them with 'as', 'has been' or an appositive", () => {
    const actors = actorsOf(
      "Protests spread across Kyrgyzstan on Monday. The president named Daniyar Omurov as prime minister. " +
        "Ms Aliyeva, a veteran lawyer, has been mayor of Osh since 2020. Beshimov, the interior minister, said order was restored in Kyrgyzstan.",
      KYRGYZSTAN,
    );
    // No country is assumed for an office the text does not place, not even the story's.
    expect(named(actors, "Daniyar Omurov")).toMatchObject({ role: "prime minister", affiliation: null });
    expect(named(actors, "Aliyeva")).toMatchObject({ role: "mayor of Osh" });
    expect(named(actors, "Beshimov")).toMatchObject({ role: "interior minister" });
  });

  it("makes the person an appointee replaces the former holder of the office", () => {
    const actors = actorsOf(
      "Unrest spread in Kyrgyzstan. The president named Daniyar Omurov as interior minister, succeeding Ulan Niyazbekov, on Tuesday.",
      KYRGYZSTAN,
    );
    expect(named(actors, "Ulan Niyazbekov")).toMatchObject({ role: "former interior minister" });
    expect(named(actors, "Daniyar Omurov")).toMatchObject({ role: "interior minister" });
  });

  it("places a named counterpart by the country before the word, and a nameless one nowhere", () => {
    const actors = actorsOf(
      "Unrest gripped Kyrgyzstan on Monday. The Turkish foreign minister spoke with his Kyrgyz counterpart, Ruslan Kazakbayev, and with his Russian counterpart. " +
        "Kyrgyzstan closed its border.",
      KYRGYZSTAN,
    );
    expect(named(actors, "Ruslan Kazakbayev")).toMatchObject({ kind: "person", affiliation: "Kyrgyzstan" });
    expect(actors.map((a) => a.name)).not.toContain("Russian counterpart");
  });

  it("takes the home country from the story file only: a story that names none has none", () => {
    expect(analysedText("Kazakhstan cut the internet. Many people in Kazakhstan were angry.", { story: NO_STORY }).home).toBeNull();
  });

  it("reads a body from its name: a ministry 'of' its country, an acronym after it, a lone name that speaks", () => {
    const actors = actorsOf(
      "This was stated by the Ministry of Foreign Affairs of Uzbekistan. The National Security Committee (KNB) said Massimov was detained. " +
        "Earlier, local telco Beeline said mobile services were restricted. NetBlocks reported a nationwide blackout.",
    );
    expect(named(actors, "Ministry of Foreign Affairs of Uzbekistan")).toMatchObject({ kind: "organisation", affiliation: "Uzbekistan" });
    expect(named(actors, "National Security Committee")).toMatchObject({ kind: "organisation" });
    expect(named(actors, "National Security Committee").aliases).toContain("KNB");
    expect(named(actors, "Beeline")).toMatchObject({ kind: "organisation" });
    expect(named(actors, "NetBlocks")).toMatchObject({ kind: "organisation" });
  });

  it("leaves a body named only to describe something else out, and a plural demonym is the country's people", () => {
    const actors = actorsOf("The units will fly home on Russian Air Force aircraft. Kazakhstanis have the will to overcome the problems, the ministry said.");
    expect(actors.map((a) => a.name)).not.toContain("Air Force");
    expect(actors.map((a) => a.name)).not.toContain("Kazakhstanis");
  });
});
