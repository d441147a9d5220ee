import { describe, expect, it } from "vitest";
import { extractReactions } from "../../src/extract/reactions.js";
import { analysedText, NO_STORY, SEED_AS_OF, seedAnalysis } from "./analysed.js";

const KYRGYZSTAN = { country: "Kyrgyzstan", places: ["Bishkek", "Osh"], outlets: [] };

function reactionsIn(text: string, story = NO_STORY, at: string | null = null) {
  const analysis = analysedText(text, { story, at });
  return { analysis, reactions: extractReactions(analysis) };
}

describe("extractReactions on the seed article", () => {
  const seed = seedAnalysis();
  const reactions = extractReactions(seed);
  const sentenceWith = (words: string) => seed.sentences.find((s) => s.text.includes(words))!;

  it("finds the four foreign reactions and leaves Tokayev's domestic orders out", () => {
    expect(reactions.map((r) => [r.actor, r.countryOrOrg])).toEqual([
      ["Olaf Scholz", "Germany"],
      ["German federal government", "Germany"],
      ["US State Department", "United States"],
      ["Jens Stoltenberg", "NATO"],
    ]);
  });

  it("folds Scholz's appeal in the next sentence into his call as the quote", () => {
    const call = sentenceWith("Chancellor Olaf Scholz");
    expect(reactions[0]).toEqual({
      actor: "Olaf Scholz",
      countryOrOrg: "Germany",
      gist: "called for an end to the violence",
      quote: "Please come back to peaceful further development in the country.",
      at: SEED_AS_OF,
      sentence: call.text,
      sentenceIndex: call.index,
    });
  });

  it("gives each reaction the clause with its verb", () => {
    expect(reactions[1]).toMatchObject({ gist: "stops exports of armaments to the former Soviet republic", quote: null });
    expect(reactions[2]!.gist).toMatch(/^allowed consular staff to leave the country/);
    expect(reactions[3]!.gist).toContain("very concerned and regretted the deaths");
    expect(reactions[3]!.sentenceIndex).toBe(sentenceWith("Stoltenberg").index);
  });
});

describe("extractReactions on other reporting", () => {
  const world = reactionsIn(
    `Kazakhstan's interior ministry said on Wednesday that eight police officers had died in Kazakhstan. Kazakh Interior Minister Erlan Turgumbayev said the operation would continue until order was restored.

Abroad, the EU's foreign policy chief called for restraint on all sides. The Chinese president sent a message of support to the leadership in Nur-Sultan, the Xinhua news agency reported. The UN Secretary-General urged calm and asked all sides to refrain from violence. The US Secretary of State questioned the decision to call in foreign troops.`,
    { country: "Kazakhstan", places: ["Nur-Sultan"], outlets: [] },
  );

  it("records office holders without names, each under their country or organisation", () => {
    expect(world.reactions.map((r) => [r.actor, r.countryOrOrg, r.gist])).toEqual([
      ["EU foreign policy chief", "EU", "called for restraint on all sides"],
      ["Chinese president", "China", "sent a message of support to the leadership in Nur-Sultan"],
      ["UN Secretary-General", "UN", "urged calm and asked all sides to refrain from violence"],
      ["US Secretary of State", "United States", "questioned the decision to call in foreign troops"],
    ]);
  });

  it("does not count the home country's own ministers as reactions", () => {
    expect(world.reactions.map((r) => r.actor)).not.toContain("Erlan Turgumbayev");
    expect(world.reactions.map((r) => r.countryOrOrg)).not.toContain("Kazakhstan");
  });

  it("drops the day from 'said on Monday' and keeps a quote the next sentence adds", () => {
    const { analysis, reactions } =
      reactionsIn(`German Foreign Minister Annalena Baerbock said on Monday that Berlin was watching the situation in Kazakhstan with great concern. She added: “We call on all sides to renounce violence and to talk to each other.”

“The situation is under control,” Tokayev said in Kazakhstan, according to the Interfax news agency.`);
    expect(reactions).toEqual([
      {
        actor: "Annalena Baerbock",
        countryOrOrg: "Germany",
        gist: "said that Berlin was watching the situation in Kazakhstan with great concern",
        quote: "We call on all sides to renounce violence and to talk to each other.",
        at: null,
        sentence: analysis.sentences[0]!.text,
        sentenceIndex: 0,
      },
    ]);
  });

  it("credits what 'the alliance' did to the Russia-led CSTO, and hears one voice once per article", () => {
    const { reactions } = reactionsIn(`President Kassym-Jomart Tokayev asked for help from abroad after a week of unrest in Kazakhstan.

The Russia-led Collective Security Treaty Organization (CSTO) agreed to send peacekeepers to Kazakhstan. The alliance sent about 2,500 troops on Thursday.`);
    expect(reactions.map((r) => [r.actor, r.countryOrOrg, r.gist, r.sentenceIndex])).toEqual([
      ["CSTO", "CSTO", "agreed to send peacekeepers to Kazakhstan", 1],
    ]);
  });

  it("speaks for Russia when the Kremlin's spokesman talks, and ignores the agency that reported it", () => {
    const { reactions } = reactionsIn(
      "Kazakhstan remained tense. Kremlin spokesman Dmitry Peskov told reporters that Moscow would honour its obligations, TASS reported.",
    );
    expect(reactions).toMatchObject([{ actor: "Dmitry Peskov", countryOrOrg: "Russia", gist: "told reporters that Moscow would honour its obligations" }]);
  });

  it("takes a quote from the same sentence, and a later statement of the same speaker joins the same reaction", () => {
    const { reactions } = reactionsIn(`Kazakhstan shut down the internet on Wednesday.

NATO Secretary General Jens Stoltenberg said: “We are following the events in Kazakhstan very closely.” Security forces cleared the main square in Almaty.

Stoltenberg later welcomed the withdrawal of the foreign troops from Kazakhstan.`);
    expect(reactions.map((r) => [r.actor, r.quote, r.sentenceIndex])).toEqual([
      ["Jens Stoltenberg", "We are following the events in Kazakhstan very closely.", 1],
    ]);
  });

  it("joins a quote the sentence splitter cut in two and makes the gist a clause of the verb", () => {
    const { reactions } = reactionsIn(
      "Kazakhstan is calm again. “We are following the events very closely. We call for restraint,” NATO Secretary General Jens Stoltenberg said.",
    );
    expect(reactions).toMatchObject([
      { actor: "Jens Stoltenberg", countryOrOrg: "NATO", quote: "We are following the events very closely. We call for restraint" },
    ]);
    expect(reactions[0]!.gist).not.toContain("“");
  });

  it("hears a country acting as its government, but not an appositive's organisation as a second voice", () => {
    const { reactions } = reactionsIn(
      `Josep Borrell, the EU's foreign policy chief, said the bloc was ready to help Kazakhstan.
Germany suspended arms exports to Kazakhstan. Turkish President Recep Tayyip Erdogan offered help, the Anadolu agency said.`,
      { country: "Kazakhstan", places: [], outlets: [] },
    );
    expect(reactions.map((r) => [r.actor, r.countryOrOrg, r.gist])).toEqual([
      ["Josep Borrell", "EU", "said the bloc was ready to help Kazakhstan"],
      ["Germany", "Germany", "suspended arms exports to Kazakhstan"],
      ["Recep Tayyip Erdogan", "Turkey", "offered help"],
    ]);
  });

  it("keeps a quoted phrase whole in the gist and folds the follow-up by first name", () => {
    const { reactions } = reactionsIn(
      `Kazakhstan restored order. Chinese President Xi Jinping praised Tokayev's “decisive measures”. Xi said China opposed any interference in Kazakhstan.`,
    );
    expect(reactions).toMatchObject([{ actor: "Xi Jinping", countryOrOrg: "China", gist: "praised Tokayev's “decisive measures”", sentenceIndex: 1 }]);
  });

  it("places a translated page's Federal Foreign Minister in the writer's country, told by its bare Chancellor", () => {
    const { reactions } = reactionsIn(`Federal Foreign Minister Annalena Baerbock (Greens) called on the government in Kazakhstan to exercise restraint.

Chancellor Olaf Scholz expressed his concern about the situation in Kazakhstan.`);
    expect(reactions.map((r) => [r.actor, r.countryOrOrg, r.gist])).toEqual([
      ["Annalena Baerbock", "Germany", "called on the government in Kazakhstan to exercise restraint"],
      ["Olaf Scholz", "Germany", "expressed his concern about the situation in Kazakhstan"],
    ]);
  });

  it("ignores a foreign actor that is only the object of someone else's action", () => {
    expect(reactionsIn("Tokayev thanked Kazakhstan's allies. Kazakh officials accused the EU of meddling in Kazakhstan.").reactions).toEqual([]);
  });

  it("files a statement by an EU institution's president under the EU", () => {
    const { reactions } = reactionsIn(
      "Troops cleared the square in Bishkek, Kyrgyzstan, on Friday. European Commission President Ursula von der Leyen said the EU stood ready to help Kyrgyzstan.",
      KYRGYZSTAN,
    );
    expect(reactions.map((r) => [r.actor, r.countryOrOrg])).toEqual([["Ursula von der Leyen", "EU"]]);
  });

  it("hears a speaker named after the verb: '“…,” said X' and '…, says X'", () => {
    const { reactions } = reactionsIn(
      "Clashes continued in Kyrgyzstan on Friday. “Every detainee must see a lawyer at once,” said Anna Petrova, a director at Amnesty International. " +
        "Talks between the two sides should resume without delay, says NATO Secretary General Jens Stoltenberg.",
      KYRGYZSTAN,
    );
    expect(reactions.map((r) => [r.actor, r.countryOrOrg, r.gist])).toEqual([
      ["Anna Petrova", "Amnesty International", "said every detainee must see a lawyer at once"],
      ["Jens Stoltenberg", "NATO", "says talks between the two sides should resume without delay"],
    ]);
  });

  it("keeps a two-word quoted phrase as the quote when nothing longer is quoted, but not a one-word scare quote", () => {
    const { reactions } = reactionsIn(
      'Clashes spread in Kyrgyzstan on Friday. Russian President Vladimir Putin praised the "decisive action" of the Kyrgyz leaders. ' +
        'French President Emmanuel Macron condemned the "terrorists" label for protesters.',
      KYRGYZSTAN,
    );
    expect(reactions.map((r) => [r.actor, r.quote])).toEqual([
      ["Vladimir Putin", "decisive action"],
      ["Emmanuel Macron", null],
    ]);
  });

  it("folds a lead's short report, the paragraph on the same statement and 'she said' into one reaction", () => {
    const { reactions } = reactionsIn(
      "Kyrgyzstan cut mobile networks. Swedish Foreign Minister Ann Linde urges dialogue. The capital Bishkek was quiet on Sunday. " +
        "Swedish Foreign Minister Ann Linde urged the Kyrgyz government to open a dialogue with the protesters. " +
        "“Nobody wins when the shooting starts,” she said. Ann Linde also announced new aid for refugees.",
      KYRGYZSTAN,
    );
    expect(reactions.map((r) => [r.actor, r.quote])).toEqual([["Ann Linde", "Nobody wins when the shooting starts"]]);
    expect(reactions[0]!.gist).toMatch(/^urge/);
  });

  it("hears a country through the body that speaks for it, and a presidency through its president", () => {
    const { reactions } = reactionsIn(
      "Uzbekistan is concerned about the events in neighbouring Kazakhstan. “We hope for calm,” the Uzbek Foreign Ministry said. " +
        "Russian President Vladimir Putin held a phone call with Tokayev, the Kremlin said. The two leaders agreed to stay in touch, the Kremlin added.",
      { country: "Kazakhstan", places: [], outlets: [] },
    );
    expect(reactions.map((r) => [r.actor, r.countryOrOrg])).toEqual([
      ["Uzbek Foreign Ministry", "Uzbekistan"],
      ["Vladimir Putin", "Russia"],
    ]);
    expect(reactions[0]).toMatchObject({ gist: "is concerned about the events in neighbouring Kazakhstan", quote: "We hope for calm" });
  });

  it("leaves what a foreign speaker reports, a relative clause and the agent of a description out", () => {
    const { reactions } = reactionsIn(
      "Turkish President Recep Tayyip Erdogan stressed that the Organization of Turkic States supports Kazakhstan. " +
        "Fuel prices rose under the Tokayev government, which is backed by Russia.",
      { country: "Kazakhstan", places: [], outlets: [] },
    );
    expect(reactions.map((r) => r.actor)).toEqual(["Recep Tayyip Erdogan"]);
  });

  it("hears the agent of a passive and a statement's author named after 'from'", () => {
    const { reactions } = reactionsIn(
      "The withdrawal was announced by the Russian Defence Ministry. “The units have begun to leave,” reads a note from the ministry.",
      { country: "Kazakhstan", places: [], outlets: [] },
    );
    expect(reactions).toMatchObject([{ actor: "Russian Defence Ministry", countryOrOrg: "Russia", quote: "The units have begun to leave" }]);
  });
});
