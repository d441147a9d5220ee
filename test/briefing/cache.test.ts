import { describe, expect, it } from "vitest";
import { StoreCache } from "../../src/briefing/cache.js";

describe("StoreCache", () => {
  it("draws once per store version and again after the store changed", async () => {
    let version = "1";
    let draws = 0;
    const cache = new StoreCache<number>(async () => version);
    const draw = async () => ++draws;
    expect(await cache.get("summary", draw)).toBe(1);
    expect(await cache.get("summary", draw)).toBe(1);
    version = "2";
    expect(await cache.get("summary", draw)).toBe(2);
    expect(draws).toBe(2);
  });

  it("keeps at most its bound, forgetting the least recently used", async () => {
    const cache = new StoreCache<string>(async () => "v", 2);
    await cache.get("a", async () => "a1");
    await cache.get("b", async () => "b1");
    await cache.get("a", async () => "a2"); // a is now the most recent
    await cache.get("c", async () => "c1"); // b goes
    expect(await cache.get("a", async () => "a3")).toBe("a1");
    expect(await cache.get("b", async () => "b2")).toBe("b2");
  });

  it("shares one draw between callers asking while it runs, and peeks only at finished answers", async () => {
    const cache = new StoreCache<string>(async () => "v");
    let draws = 0;
    let finish: (value: string) => void = () => undefined;
    const draw = () => {
      draws += 1;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = cache.get("summary", draw);
    const second = cache.get("summary", draw);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.peek("summary")).toBeUndefined();
    finish("drawn");
    expect(await Promise.all([first, second])).toEqual(["drawn", "drawn"]);
    expect(draws).toBe(1);
    expect(await cache.peek("summary")).toBe("drawn");
  });

  it("draws again after a draw failed", async () => {
    const cache = new StoreCache<string>(async () => "v");
    await expect(cache.get("ask", async () => Promise.reject(new Error("store gone")))).rejects.toThrow("store gone");
    expect(await cache.peek("ask")).toBeUndefined();
    expect(await cache.get("ask", async () => "answer")).toBe("answer");
  });
});
