import { describe, expect, it } from "vitest";
import { initialSourceState, isDue, recordFailure, recordSuccess, SourceState } from "../../src/sources/source-state.js";

const now = new Date("2022-01-08T09:00:00Z");
const policy = { failingAfter: 3, baseDelayMs: 60_000, maxDelayMs: 10 * 60_000 };

describe("source state", () => {
  it("keeps asking a source after one or two failures and marks it failing on the third", () => {
    const once = recordFailure(initialSourceState, "HTTP 502", now, policy);
    const twice = recordFailure(once, "HTTP 502", now, policy);
    expect([once.failing, twice.failing, isDue(twice, now)]).toEqual([false, false, true]);
    const thrice = recordFailure(twice, "timed out after 15000 ms", now, policy);
    expect(thrice).toEqual({ failures: 3, lastError: "timed out after 15000 ms", failing: true, nextAttemptAt: "2022-01-08T09:01:00.000Z" });
    expect(isDue(thrice, now)).toBe(false);
    expect(isDue(thrice, new Date("2022-01-08T09:01:00Z"))).toBe(true);
  });

  it("doubles the wait with each further failure up to the cap", () => {
    let state = initialSourceState;
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      state = recordFailure(state, "HTTP 503", now, policy);
      if (state.nextAttemptAt) waits.push((Date.parse(state.nextAttemptAt) - now.getTime()) / 60_000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 10]);
    expect(SourceState.parse(state)).toEqual(state);
  });

  it("forgets every failure after one success", () => {
    const failing = [1, 2, 3].reduce((s) => recordFailure(s, "HTTP 500", now, policy), initialSourceState);
    expect(recordSuccess()).toEqual({ failures: 0, lastError: null, nextAttemptAt: null, failing: false });
    expect(failing.failing).toBe(true);
  });
});
