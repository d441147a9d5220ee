import { describe, expect, it } from "vitest";
import { extractActors, homeCountry, resolveActor } from "../../src/extract/actors.js";
import type { Actor } from "../../src/extract/facts.js";
import { seedSentences, sentencesOf } from "./text-sentences.js";

function named(actors: readonly Actor[], name: string): Actor {
  const actor = actors.find((a) => a.name === name);
  if (!actor) throw new Error(`no actor "${name}" among ${actors.map((a) => a.name).join(", ")}`);
  return actor;
}

describe("extractActors on the seed article", () => {
  const sentences = seedSentences();
  const actors = extractActors(sentences);
  const mentioning = (word: string): number[] => sentences.filter((s) => s.text.includes(word)).map((s) => s.index);

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
    expect(tokayev).toMatchObject({ id: "kassym-shomart-tokayev", kind: "person", role: "President", affiliation: "Kazakhstan" });
    expect(tokayev.aliases).toEqual(expect.arrayContaining(["Tokayev", "President Tokayev", "Kazakh President Tokayev"]));
    expect(tokayev.aliases).not.toContain(tokayev.name);
    // Every sentence naming him, plus "He defended this on Twitter" right after "President Tokayev has given…".
    const defended = sentences.find((s) => s.text.startsWith("He defended"))!.index;
    expect(tokayev.mentions).toEqual([...mentioning("Tokayev"), defended].sort((a, b) => a - b));
  });

  it("merges Karim Massimov with the ex-prime minister of the same surname", () => {
    const massimov = named(actors, "Karim Massimov");
    expect(massimov).toMatchObject({ id: "karim-massimov", role: "ex-prime minister", affiliation: "Kazakhstan", kind: "person" });
    expect(massimov.aliases).toEqual(expect.arrayContaining(["Massimov", "ex-prime minister Massimov", "Ex-Prime Minister Massimov"]));
    expect(massimov.mentions).toEqual(expect.arrayContaining(mentioning("Massimov")));
  });

  it("knows Nazarbayev as the ex-president, also when named by surname alone", () => {
    const nazarbayev = named(actors, "Nursultan Nazarbayev");
    expect(nazarbayev).toMatchObject({ role: "ex-president", affiliation: "Kazakhstan" });
    expect(nazarbayev.mentions).toEqual(mentioning("Nazarbayev"));
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

  it("takes Kazakhstan as the home country", () => {
    expect(homeCountry(sentences)).toBe("Kazakhstan");
  });

  it("resolves any surface form to its actor", () => {
    const tokayev = named(actors, "Kassym-Shomart Tokayev");
    expect(resolveActor(actors, "Kazakh President Tokayev")).toBe(tokayev);
    expect(resolveActor(actors, "tokayev")).toBe(tokayev);
    expect(resolveActor(actors, "President Kassym-Shomart Tokayev's")).toBe(tokayev);
    expect(resolveActor(actors, "former Prime Minister Karim Massimov")?.name).toBe("Karim Massimov");
    expect(resolveActor(actors, "ex-prime minister Massimov")?.name).toBe("Karim Massimov");
    expect(resolveActor(actors, "the North Atlantic Treaty Organization")?.name).toBe("NATO");
    expect(resolveActor(actors, "Stoltenberg")?.name).toBe("Jens Stoltenberg");
    expect(resolveActor(actors, "Angela Merkel")).toBeNull();
    expect(resolveActor(actors, "")).toBeNull();
  });
});

describe("extractActors on other reporting", () => {
  it("names office holders the text leaves unnamed by country and title", () => {
    const actors = extractActors(
      sentencesOf(`Abroad, the EU's foreign policy chief called for restraint on all sides in Kazakhstan.
The Chinese president sent a message of support to the leadership in Nur-Sultan, the Xinhua news agency reported.
The UN Secretary-General urged calm. The US Secretary of State questioned the decision to call in foreign troops.`),
    );
    expect(named(actors, "Chinese president")).toMatchObject({ id: "chinese-president", kind: "person", role: "president", affiliation: "China" });
    expect(named(actors, "EU foreign policy chief")).toMatchObject({ affiliation: "EU", aliases: ["EU's foreign policy chief"] });
    expect(named(actors, "UN Secretary-General")).toMatchObject({ role: "Secretary-General", affiliation: "UN" });
    expect(named(actors, "US Secretary of State")).toMatchObject({ role: "Secretary of State", affiliation: "United States" });
    expect(actors.map((a) => a.name)).not.toContain("Xinhua");
    expect(actors.map((a) => a.name)).not.toContain("Nur-Sultan");
  });

  it("keeps news agencies and portals cited as sources out, and a bare quoted surname in", () => {
    const actors = extractActors(
      sentencesOf(`“The situation is under control,” Tokayev said, according to the Interfax news agency.
Reuters reported that gunfire could still be heard in Almaty. According to the portal Orda.kz, shops in Kazakhstan's largest city stayed closed.
State television showed burnt-out cars.`),
    );
    expect(actors.map((a) => a.name)).toEqual(["Tokayev"]);
  });

  it("tells two people apart and follows each by surname into the next paragraph", () => {
    const sentences = sentencesOf(`Kazakh Prime Minister Askar Mamin resigned along with his cabinet on Wednesday. Alikhan Smailov, his first deputy, was appointed acting prime minister.

Mamin had led the government since 2019. Smailov said the new cabinet would review fuel prices.`);
    const actors = extractActors(sentences);
    const mamin = named(actors, "Askar Mamin");
    const smailov = named(actors, "Alikhan Smailov");
    expect(mamin).toMatchObject({ role: "Prime Minister", affiliation: "Kazakhstan", mentions: [0, 2] });
    expect(mamin.aliases).toEqual(expect.arrayContaining(["Kazakh Prime Minister Askar Mamin", "Mamin"]));
    expect(smailov).toMatchObject({ id: "alikhan-smailov", mentions: [1, 3], aliases: ["Smailov"] });
  });

  it("does not read a title-case headline as a name, yet counts it as a mention", () => {
    const actors = extractActors(
      sentencesOf(`Kazakh President Tokayev Orders Troops To Shoot Without Warning

President Kassym-Jomart Tokayev said in a televised address that he had ordered troops to shoot without warning. Kazakhstan has been in turmoil for a week.

The president said talks with the protesters were out of the question.`),
    );
    expect(actors.map((a) => a.name)).toEqual(["Kassym-Jomart Tokayev"]);
    expect(actors[0]).toMatchObject({ mentions: [0, 1, 3], affiliation: "Kazakhstan" });
    expect(actors[0]!.aliases).toContain("Kazakh President Tokayev");
  });

  it("refers 'the alliance' to the alliance named last", () => {
    const actors = extractActors(
      sentencesOf(`NATO said it was following events in Kazakhstan closely.

The Russia-led Collective Security Treaty Organization (CSTO) agreed to send peacekeepers to Kazakhstan. The alliance sent about 2,500 troops on Thursday.`),
    );
    expect(named(actors, "CSTO")).toMatchObject({ kind: "organisation", aliases: ["Collective Security Treaty Organization"], mentions: [1, 2] });
    expect(named(actors, "NATO").mentions).toEqual([0]);
  });

  it("gives a spokesman the organisation he speaks for and its country", () => {
    const actors = extractActors(sentencesOf("Kremlin spokesman Dmitry Peskov said Moscow would honour its obligations to Kazakhstan."));
    expect(named(actors, "Dmitry Peskov")).toMatchObject({ role: "Kremlin spokesman", affiliation: "Russia" });
    expect(named(actors, "Kremlin")).toMatchObject({ kind: "organisation", affiliation: "Russia" });
  });

  it("lets a capital that speaks stand for its government", () => {
    const sentences = sentencesOf("Kazakhstan cut the internet again. Berlin said the arms exports to Kazakhstan would stay suspended.");
    expect(named(extractActors(sentences), "German government")).toMatchObject({ aliases: ["Berlin"], affiliation: "Germany", mentions: [1] });
  });

  it("takes a title from an appositive instead of inventing a second actor", () => {
    const actors = extractActors(sentencesOf("Josep Borrell, the EU's foreign policy chief, said the bloc was ready to help Kazakhstan."));
    expect(actors.map((a) => a.name)).toEqual(["Josep Borrell"]);
    expect(actors[0]).toMatchObject({ role: "EU foreign policy chief", affiliation: "EU" });
  });

  it("knows a person by an honorific and merges it with the bare surname", () => {
    const actors = extractActors(sentencesOf("Mr Tokayev rejected the criticism. Tokayev later sacked the cabinet of Kazakhstan."));
    expect(actors).toMatchObject([{ name: "Tokayev", aliases: ["Mr Tokayev"], mentions: [0, 1] }]);
    expect(resolveActor(actors, "Mr Tokayev")?.name).toBe("Tokayev");
  });

  it("treats a country that acts as its government but a country merely named as a place", () => {
    const actors = extractActors(
      sentencesOf("Germany suspended arms exports to Kazakhstan. The United States has urged restraint. Troops from Russia arrived in Kazakhstan."),
    );
    expect(actors.map((a) => [a.name, a.kind, a.affiliation, a.aliases])).toEqual([
      ["German government", "organisation", "Germany", ["Germany"]],
      ["US government", "organisation", "United States", ["United States"]],
    ]);
  });

  it("ends a name at a title and does not make an unplaced foreign office holder domestic", () => {
    const actors = extractActors(
      sentencesOf(`Almaty Mayor Bakytzhan Sagintayev said the city was calm again. Kazakhstan's President Kassym-Jomart Tokayev thanked the CSTO.

European Council President Charles Michel said he had spoken with Tokayev. Chinese President Xi Jinping praised the measures. Xi said China opposed any interference in Kazakhstan.`),
    );
    expect(named(actors, "Bakytzhan Sagintayev").role).toBe("Mayor");
    expect(named(actors, "Kassym-Jomart Tokayev")).toMatchObject({ affiliation: "Kazakhstan", mentions: [1, 2] });
    expect(named(actors, "Charles Michel")).toMatchObject({ role: "European Council President", affiliation: "European Council" });
    expect(named(actors, "Xi Jinping")).toMatchObject({ affiliation: "China", mentions: [3, 4] });
    expect(named(actors, "Xi Jinping").aliases).toContain("Xi");
  });

  it("gives a person the title a sentence states of them with 'as', 'has been' or an appositive", () => {
    const actors = extractActors(
      sentencesOf(
        "Protests spread across Kyrgyzstan on Monday. The president named Daniyar Omurov as prime minister. " +
          "Ms Aliyeva, a veteran lawyer, has been mayor of Osh since 2020. Beshimov, the interior minister, said order was restored in Kyrgyzstan.",
      ),
    );
    expect(named(actors, "Daniyar Omurov")).toMatchObject({ role: "prime minister", affiliation: "Kyrgyzstan" });
    expect(named(actors, "Aliyeva")).toMatchObject({ role: "mayor of Osh", affiliation: "Kyrgyzstan" });
    expect(named(actors, "Beshimov")).toMatchObject({ role: "interior minister", affiliation: "Kyrgyzstan" });
  });

  it("makes the person an appointee replaces the former holder of the office", () => {
    const actors = extractActors(
      sentencesOf("Unrest spread in Kyrgyzstan. The president named Daniyar Omurov as interior minister, succeeding Ulan Niyazbekov, on Tuesday."),
    );
    expect(named(actors, "Ulan Niyazbekov")).toMatchObject({ role: "former interior minister", affiliation: "Kyrgyzstan" });
  });

  it("places a named counterpart by the country before the word, and a nameless one nowhere", () => {
    const actors = extractActors(
      sentencesOf(
        "Unrest gripped Kyrgyzstan on Monday. The Turkish foreign minister spoke with his Kyrgyz counterpart, Ruslan Kazakbayev, and with his Russian counterpart. " +
          "Kyrgyzstan closed its border.",
      ),
    );
    expect(named(actors, "Ruslan Kazakbayev")).toMatchObject({ kind: "person", affiliation: "Kyrgyzstan" });
    expect(actors.map((a) => a.name)).not.toContain("Russian counterpart");
  });

  it("finds no home country in a text that names none", () => {
    expect(homeCountry(sentencesOf("Prices rose sharply. Many people were angry."))).toBeNull();
  });
});
