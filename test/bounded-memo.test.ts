import { describe, expect, it } from "vitest";
import { boundedMemo } from "../src/bounded-memo.js";

describe("a bounded memo", () => {
  it("computes each key once, keeps undefined and null answers too, and starts again empty at its bound", () => {
    const asked: Array<string | null> = [];
    const lengthOf = boundedMemo((key: string | null) => (asked.push(key), key === null ? undefined : key.length), 2);
    expect([lengthOf("ab"), lengthOf("ab"), lengthOf(null), lengthOf(null)]).toEqual([2, 2, undefined, undefined]);
    expect(asked).toEqual(["ab", null]);
    lengthOf("abc");
    lengthOf("ab");
    expect(asked).toEqual(["ab", null, "abc", "ab"]);
  });
});
