import { describe, expect, it } from "vitest";
import { hashesOf, idsOf, matchTexts, textHash, type WantedText } from "../../src/store/texts.js";

describe("matching an article's texts with the stored ones", () => {
  const said = "Officials said 26 people had been killed in Almaty.";
  const declared = "President Tokayev declared a state of emergency.";

  it("reuses a stored text, adds each new one once, and lets a fact quote a sentence's text whatever it is found by", () => {
    const wanted: WantedText[] = [
      { text: said, words: "official say 26 people kill almaty" },
      { text: declared, words: "president tokayev declare state emergency" },
      // A fact quoting the new sentence, and the same sentence found by other words (terms of another analysis).
      { text: declared },
      { text: declared, words: "president tokayev declared state emergency" },
    ];
    const hashes = hashesOf(wanted);
    expect([...hashes.keys()]).toEqual([said, declared]);
    expect(hashes.get(said)).toBe(textHash(said));

    const { ids, added } = matchTexts(wanted, hashes, [{ id: 7, text: said, words: "official say 26 people kill almaty" }]);
    expect(added.map((r) => [r.text, r.words])).toEqual([
      [declared, "president tokayev declare state emergency"],
      [declared, "president tokayev declared state emergency"],
    ]);
    expect(added[0]?.hash).toBe(textHash(declared));
    expect(idsOf(ids, [11, 12])).toEqual([7, 11, 11, 12]);
  });

  it("does not take a stored text with the same hash but another text or other words for a sentence's", () => {
    const wanted: WantedText[] = [{ text: said, words: "official say 26 people kill almaty" }];
    const { ids, added } = matchTexts(wanted, hashesOf(wanted), [
      { id: 3, text: declared, words: "official say 26 people kill almaty" },
      { id: 4, text: said, words: "officials said 26 people had been killed in almaty" },
    ]);
    expect(added.map((r) => r.words)).toEqual(["official say 26 people kill almaty"]);
    expect(idsOf(ids, [9])).toEqual([9]);
    expect(() => idsOf(ids, [])).toThrow("no id for an added text");
  });
});
