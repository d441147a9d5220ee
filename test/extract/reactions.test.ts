import { describe, expect, it } from "vitest";
import { extractActors } from "../../src/extract/actors.js";
import type { Sentence } from "../../src/extract/facts.js";
import { extractReactions } from "../../src/extract/reactions.js";
import { SEED_AS_OF, seedSentences, sentencesOf } from "./text-sentences.js";

function reactionsOf(sentences: readonly Sentence[]) {
  return extractReactions(sentences, extractActors(sentences));
}

describe("extractReactions on the seed article", () => {
  const sentences = seedSentences();
  const reactions = reactionsOf(sentences);
  const sentenceWith = (words: string): Sentence => sentences.find((s) => s.text.includes(words))!;

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
  const world = sentencesOf(`Kazakhstan's interior ministry said on Wednesday that eight police officers had died in Kazakhstan. Kazakh Interior Minister Erlan Turgumbayev said the operation would continue until order was restored.

Abroad, the EU's foreign policy chief called for restraint on all sides. The Chinese president sent a message of support to the leadership in Nur-Sultan, the Xinhua news agency reported. The UN Secretary-General urged calm and asked all sides to refrain from violence. The US Secretary of State questioned the decision to call in foreign troops.`);
  const reactions = reactionsOf(world);

  it("records office holders without names, each under their country or organisation", () => {
    expect(reactions.map((r) => [r.actor, r.countryOrOrg, r.gist])).toEqual([
      ["EU foreign policy chief", "EU", "called for restraint on all sides"],
      ["Chinese president", "China", "sent a message of support to the leadership in Nur-Sultan"],
      ["UN Secretary-General", "UN", "urged calm and asked all sides to refrain from violence"],
      ["US Secretary of State", "United States", "questioned the decision to call in foreign troops"],
    ]);
  });

  it("does not count the home country's own ministers as reactions", () => {
    expect(reactions.map((r) => r.actor)).not.toContain("Erlan Turgumbayev");
    expect(reactions.map((r) => r.countryOrOrg)).not.toContain("Kazakhstan");
  });

  it("drops the day from 'said on Monday' and keeps a quote the next sentence adds", () => {
    const sentences = sentencesOf(`German Foreign Minister Annalena Baerbock said on Monday that Berlin was watching the situation in Kazakhstan with great concern. She added: “We call on all sides to renounce violence and to talk to each other.”

“The situation is under control,” Tokayev said in Kazakhstan, according to the Interfax news agency.`);
    expect(reactionsOf(sentences)).toEqual([
      {
        actor: "Annalena Baerbock",
        countryOrOrg: "Germany",
        gist: "said that Berlin was watching the situation in Kazakhstan with great concern",
        quote: "We call on all sides to renounce violence and to talk to each other.",
        at: null,
        sentence: sentences[0]!.text,
        sentenceIndex: 0,
      },
    ]);
  });

  it("credits what 'the alliance' did to the Russia-led CSTO, as a statement of its own", () => {
    const sentences = sentencesOf(`President Kassym-Jomart Tokayev asked for help from abroad after a week of unrest in Kazakhstan.

The Russia-led Collective Security Treaty Organization (CSTO) agreed to send peacekeepers to Kazakhstan. The alliance sent about 2,500 troops on Thursday.`);
    expect(reactionsOf(sentences).map((r) => [r.actor, r.countryOrOrg, r.gist, r.sentenceIndex])).toEqual([
      ["CSTO", "CSTO", "agreed to send peacekeepers to Kazakhstan", 1],
      ["CSTO", "CSTO", "sent about 2,500 troops on Thursday", 2],
    ]);
  });

  it("speaks for Russia when the Kremlin's spokesman talks, and ignores the agency that reported it", () => {
    const sentences = sentencesOf(
      "Kazakhstan remained tense. Kremlin spokesman Dmitry Peskov told reporters that Moscow would honour its obligations, TASS reported.",
    );
    expect(reactionsOf(sentences)).toMatchObject([
      { actor: "Dmitry Peskov", countryOrOrg: "Russia", gist: "told reporters that Moscow would honour its obligations" },
    ]);
  });

  it("takes a quote from the same sentence and counts a later, separate statement again", () => {
    const sentences = sentencesOf(`Kazakhstan shut down the internet on Wednesday.

NATO Secretary General Jens Stoltenberg said: “We are following the events in Kazakhstan very closely.” Security forces cleared the main square in Almaty.

Stoltenberg later welcomed the withdrawal of the foreign troops from Kazakhstan.`);
    expect(reactionsOf(sentences).map((r) => [r.actor, r.quote, r.sentenceIndex])).toEqual([
      ["Jens Stoltenberg", "We are following the events in Kazakhstan very closely.", 1],
      ["Jens Stoltenberg", null, 3],
    ]);
  });

  it("joins a quote the sentence splitter cut in two and uses it when the verb stands alone", () => {
    const sentences = sentencesOf(
      "Kazakhstan is calm again. “We are following the events very closely. We call for restraint,” NATO Secretary General Jens Stoltenberg said.",
    );
    const quote = "We are following the events very closely. We call for restraint";
    expect(reactionsOf(sentences)).toMatchObject([{ actor: "Jens Stoltenberg", countryOrOrg: "NATO", quote, gist: `said: ${quote}` }]);
  });

  it("hears a country acting as its government, but not an appositive's organisation as a second voice", () => {
    const sentences = sentencesOf(`Josep Borrell, the EU's foreign policy chief, said the bloc was ready to help Kazakhstan.
Germany suspended arms exports to Kazakhstan. Turkish President Recep Tayyip Erdogan offered help, the Anadolu agency said.`);
    expect(reactionsOf(sentences).map((r) => [r.actor, r.countryOrOrg, r.gist])).toEqual([
      ["Josep Borrell", "EU", "said the bloc was ready to help Kazakhstan"],
      ["German government", "Germany", "suspended arms exports to Kazakhstan"],
      ["Recep Tayyip Erdogan", "Turkey", "offered help"],
    ]);
  });

  it("keeps a quoted phrase whole in the gist and folds the follow-up by first name", () => {
    const sentences = sentencesOf(
      `Kazakhstan restored order. Chinese President Xi Jinping praised Tokayev's “decisive measures”. Xi said China opposed any interference in Kazakhstan.`,
    );
    expect(reactionsOf(sentences)).toMatchObject([{ actor: "Xi Jinping", countryOrOrg: "China", gist: "praised Tokayev's “decisive measures”", sentenceIndex: 1 }]);
  });

  it("places a translated page's Federal Foreign Minister in the writer's country, told by its bare Chancellor", () => {
    const sentences = sentencesOf(`Federal Foreign Minister Annalena Baerbock (Greens) called on the government in Kazakhstan to exercise restraint.

Chancellor Olaf Scholz expressed his concern about the situation in Kazakhstan.`);
    expect(reactionsOf(sentences).map((r) => [r.actor, r.countryOrOrg, r.gist])).toEqual([
      ["Annalena Baerbock", "Germany", "called on the government in Kazakhstan to exercise restraint"],
      ["Olaf Scholz", "Germany", "expressed his concern about the situation in Kazakhstan"],
    ]);
  });

  it("ignores a foreign actor that is only the object of someone else's action", () => {
    const sentences = sentencesOf("Tokayev thanked Kazakhstan's allies. Kazakh officials accused the EU of meddling in Kazakhstan.");
    expect(reactionsOf(sentences)).toEqual([]);
  });

  it("files a statement by an EU institution's president under the EU", () => {
    const sentences = sentencesOf(
      "Troops cleared the square in Bishkek, Kyrgyzstan, on Friday. European Commission President Ursula von der Leyen said the EU stood ready to help Kyrgyzstan.",
    );
    expect(reactionsOf(sentences).map((r) => [r.actor, r.countryOrOrg])).toEqual([["Ursula von der Leyen", "EU"]]);
  });

  it("hears a speaker named after the verb: '“…,” said X' and '…, says X'", () => {
    const sentences = sentencesOf(
      "Clashes continued in Kyrgyzstan on Friday. “Every detainee must see a lawyer at once,” said Anna Petrova, a director at Amnesty International. " +
        "Talks between the two sides should resume without delay, says NATO Secretary General Jens Stoltenberg.",
    );
    expect(reactionsOf(sentences).map((r) => [r.actor, r.countryOrOrg, r.gist])).toEqual([
      ["Anna Petrova", "Amnesty International", "said: Every detainee must see a lawyer at once"],
      ["Jens Stoltenberg", "NATO", "says: Talks between the two sides should resume without delay"],
    ]);
  });

  it("keeps a two-word quoted phrase as the quote when nothing longer is quoted, but not a one-word scare quote", () => {
    const sentences = sentencesOf(
      "Clashes spread in Kyrgyzstan on Friday. Russian President Vladimir Putin praised the \"decisive action\" of the Kyrgyz leaders. " +
        "French President Emmanuel Macron condemned the \"terrorists\" label for protesters.",
    );
    expect(reactionsOf(sentences).map((r) => [r.actor, r.quote])).toEqual([
      ["Vladimir Putin", "decisive action"],
      ["Emmanuel Macron", null],
    ]);
  });

  it("folds a lead's short report and the later paragraph on the same statement into one reaction, quoted by 'she said'", () => {
    const sentences = sentencesOf(
      "Kyrgyzstan cut mobile networks. Swedish Foreign Minister Ann Linde urges dialogue. The capital Bishkek was quiet on Sunday. " +
        "Swedish Foreign Minister Ann Linde urged the Kyrgyz government to open a dialogue with the protesters. " +
        "“Nobody wins when the shooting starts,” she said. Ann Linde also announced new aid for refugees.",
    );
    expect(reactionsOf(sentences).map((r) => [r.actor, r.gist, r.quote])).toEqual([
      ["Ann Linde", "urged the Kyrgyz government to open a dialogue with the protesters", "Nobody wins when the shooting starts"],
      ["Ann Linde", "announced new aid for refugees", null],
    ]);
  });
});
