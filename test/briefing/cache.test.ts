import { describe, expect, it } from "vitest";
import { StoreCache } from "../../src/briefing/cache.js";

describe("StoreCache", () => {
  it("draws once per store version and again after the store changed", () => {
    let version = "1";
    let draws = 0;
    const cache = new StoreCache<number>(() => version);
    const draw = () => ++draws;
    expect(cache.get("summary", draw)).toBe(1);
    expect(cache.get("summary", draw)).toBe(1);
    version = "2";
    expect(cache.get("summary", draw)).toBe(2);
    expect(draws).toBe(2);
  });

  it("keeps at most its bound, forgetting the least recently used", () => {
    const cache = new StoreCache<string>(() => "v", 2);
    cache.get("a", () => "a1");
    cache.get("b", () => "b1");
    cache.get("a", () => "a2"); // a is now the most recent
    cache.get("c", () => "c1"); // b goes
    expect(cache.get("a", () => "a3")).toBe("a1");
    expect(cache.get("b", () => "b2")).toBe("b2");
  });
});
