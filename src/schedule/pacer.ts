import { setTimeout as sleep } from "node:timers/promises";

/**
 * Spaces message sends evenly below a per-second budget. Two rules together: at least 1000/rate ms
 * between starts, and never `rate` starts within any second plus a margin, so a stalled event loop
 * cannot catch up in a burst that a fixed one-second window on Discord's side would count as too many.
 */
export interface Pacer {
  /** Resolves when the next send may start. */
  slot(): Promise<void>;
}

const WINDOW_MS = 1000;
/** Arrival at Discord lags the start by a few ms, and not always the same few. */
const MARGIN_MS = 50;

/** The clock and the wait are injectable together, so a test can run the pacer on virtual time. */
export function createPacer(perSecond: number, now: () => number = () => performance.now(), wait: (ms: number) => Promise<unknown> = sleep): Pacer {
  if (!(perSecond > 0)) throw new Error(`pacer rate must be positive, got ${perSecond}`);
  const spacing = WINDOW_MS / perSecond;
  const budget = Math.max(1, Math.floor(perSecond));
  const starts: number[] = [];
  let next = 0;
  let queue: Promise<void> = Promise.resolve();

  async function take(): Promise<void> {
    for (;;) {
      const t = now();
      const oldest = starts.length >= budget ? (starts[starts.length - budget] ?? 0) : -Infinity;
      const delay = Math.max(next - t, oldest + WINDOW_MS + MARGIN_MS - t, 0);
      if (delay <= 0) break;
      await wait(delay);
    }
    const at = now();
    starts.push(at);
    if (starts.length > budget) starts.splice(0, starts.length - budget);
    // Timers fire a little late; counting from the planned start keeps that lateness from adding up,
    // while a start later than one whole spacing (a stall) restarts the plan from now.
    next = Math.max(next, at - spacing) + spacing;
  }

  return {
    slot() {
      const mine = queue.then(take);
      queue = mine;
      return mine;
    },
  };
}
