import { setTimeout as sleep } from "node:timers/promises";

/**
 * Spaces message sends evenly at a per-second budget, and never lets Discord's rolling window see
 * more than the budget: at most `perSecond` sends each count from their start until one second
 * after their answer came back. A send reaches Discord between the two, so whatever the network,
 * a stalled event loop or the client's own queue delays, a send is surely out of Discord's window
 * once it no longer counts here. Spacing by start alone needed a margin (0.91 of the limit) and
 * still met 429s when arrivals bunched up; counting to the answer costs only the round trip.
 */
export interface Pacer {
  /** Resolves when the next send may start, with what to call once its answer has arrived (or it failed). */
  slot(): Promise<() => void>;
}

const WINDOW_MS = 1000;

/** The clock and the wait are injectable together, so a test can run the pacer on virtual time. */
export function createPacer(perSecond: number, now: () => number = () => performance.now(), wait: (ms: number) => Promise<unknown> = sleep): Pacer {
  if (!(perSecond > 0)) throw new Error(`pacer rate must be positive, got ${perSecond}`);
  const spacing = WINDOW_MS / perSecond;
  const budget = Math.max(1, Math.floor(perSecond));
  /** Per counted send: when it stops counting (answer + window), Infinity while unanswered. */
  const counted: number[] = [];
  let next = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let changed: (() => void) | null = null;

  /** Until the soonest of: `ms` passed, or a counted send was answered (its end is then known). */
  const waitOrAnswer = (ms: number) => Promise.race([wait(ms), new Promise<void>((resolve) => (changed = resolve))]).finally(() => (changed = null));

  async function take(): Promise<() => void> {
    for (;;) {
      const t = now();
      const live = counted.filter((end) => end > t);
      counted.splice(0, counted.length, ...live);
      const full = counted.length >= budget ? Math.min(...counted) - t : 0;
      const delay = Math.max(next - t, full, 0);
      if (delay <= 0) break;
      // All counted sends unanswered: nothing frees up before an answer does.
      await waitOrAnswer(Number.isFinite(delay) ? delay : WINDOW_MS);
    }
    const at = now();
    counted.push(Infinity);
    // Timers fire a little late; counting from the planned start keeps that lateness from adding up,
    // while a start later than one whole spacing (a stall) restarts the plan from now.
    next = Math.max(next, at - spacing) + spacing;
    let answered = false;
    return () => {
      if (answered) return;
      answered = true;
      // Unanswered sends are alike: any one of them now ends a window from now.
      const i = counted.indexOf(Infinity);
      if (i >= 0) counted[i] = now() + WINDOW_MS;
      changed?.();
    };
  }

  return {
    slot() {
      const mine = queue.then(take);
      queue = mine;
      return mine;
    },
  };
}
