import { describe, expect, it } from "vitest";
import { createPacer } from "../../src/schedule/pacer.js";

describe("the send pacer", () => {
  it("never starts more than its rate within any one-second window, even when asked all at once", async () => {
    const pacer = createPacer(20);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 30 }, () => pacer.slot().then(() => starts.push(performance.now()))));
    for (const [i, start] of starts.entries()) {
      const within = starts.filter((s) => s >= start && s < start + 1000).length;
      expect(within, `window from start ${i}`).toBeLessThanOrEqual(20);
    }
    // The 21st start waits for the first to leave the window (plus a margin for arrival jitter).
    expect(starts[20]! - starts[0]!).toBeGreaterThanOrEqual(1000);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => createPacer(0)).toThrow(/positive/);
  });
});
