import { describe, expect, it } from "vitest";
import { createPacer } from "../../src/schedule/pacer.js";

/** Virtual time: a wait moves the clock by exactly what was asked, and `stall` by what a blocked event loop would. */
function virtualClock() {
  let t = 0;
  return {
    now: () => t,
    wait: async (ms: number) => {
      t += ms;
    },
    stall: (ms: number) => {
      t += ms;
    },
  };
}

describe("the send pacer", () => {
  it("never starts more than its rate within any one-second window, even when asked all at once", async () => {
    const clock = virtualClock();
    const pacer = createPacer(20, clock.now, clock.wait);
    const starts: number[] = [];
    // Each answered at once: the second a send counts for starts at its start.
    await Promise.all(Array.from({ length: 30 }, () => pacer.slot().then((answered) => (starts.push(clock.now()), answered()))));
    for (const [i, start] of starts.entries()) {
      const within = starts.filter((s) => s >= start && s < start + 1000).length;
      expect(within, `window from start ${i}`).toBeLessThanOrEqual(20);
    }
    // Evenly spaced at 1000/20 ms; the 21st waits for the first to leave the window.
    expect(starts.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i * 50));
    expect(starts[20]).toBe(1000);
    expect(starts).toHaveLength(30);
  });

  it("catches up at most a quarter second of sends after the event loop stalled, not a whole window's burst", async () => {
    const clock = virtualClock();
    const pacer = createPacer(10, clock.now, clock.wait);
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      (await pacer.slot())();
      starts.push(clock.now());
    }
    clock.stall(3_000);
    for (let i = 0; i < 5; i++) {
      (await pacer.slot())();
      starts.push(clock.now());
    }
    expect(starts.slice(0, 5)).toEqual([0, 100, 200, 300, 400]);
    // The plan resumes from 250 ms back: the send due and those 250 ms held go at once, then one each 100 ms.
    expect(starts.slice(5)).toEqual([3400, 3400, 3400, 3450, 3550]);
  });

  it("loses no sends to short stalls: late timers and a blocked event loop are caught up within the limit", async () => {
    const clock = virtualClock();
    // Every timer fires 3 ms late.
    const pacer = createPacer(50, clock.now, async (ms) => clock.wait(ms + 3));
    const starts: number[] = [];
    for (let i = 0; i < 500; i++) {
      // A store write or a GC holds the event loop for 100 ms every tenth send.
      if (i % 10 === 9) clock.stall(100);
      (await pacer.slot())();
      starts.push(clock.now());
    }
    for (const start of starts) expect(starts.filter((s) => s >= start && s < start + 1000).length).toBeLessThanOrEqual(50);
    // 500 sends at 50/s take 10 s from the first start; restarting the plan after each stall lost 80 ms in every 200.
    expect(starts.at(-1)).toBeLessThan(10_100);
  });

  it("counts a send until a second after its answer, so a slow answer holds its place in Discord's window", async () => {
    let t = 0;
    let first: (() => void) | null = null;
    // The first send's answer comes in while the pacer waits, once 1.5 s have passed.
    const wait = async (ms: number) => {
      t += ms;
      const answer = t >= 1500 ? first : null;
      first = answer ? null : first;
      answer?.();
    };
    const pacer = createPacer(1, () => t, wait);
    first = await pacer.slot();
    (await pacer.slot())();
    // Answered at 2 s (the first wait past 1.5 s): it may have reached Discord just then, so the next starts at 3 s.
    expect(t).toBe(3000);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => createPacer(0)).toThrow(/positive/);
  });
});
