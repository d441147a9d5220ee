import { setTimeout as sleep } from "node:timers/promises";

/**
 * Spaces message sends evenly at a per-second budget, and never lets Discord's rolling window see
 * more than the budget: at most `perSecond` sends each count from their start until one second
 * after their answer came back. A send reaches Discord between the two, so whatever the network,
 * a stalled event loop or the client's own queue delays, a send is surely out of Discord's window
 * once it no longer counts here. Spacing by start alone needed a margin (0.91 of the limit) and
 * still met 429s when arrivals bunched up; counting to the answer costs only the round trip.
 * Within that window, starts follow an even plan at the rate, which may catch up a little after a
 * stall instead of losing the sends it missed.
 */
export interface Pacer {
  /** Resolves when the next send may start, with what to call once its answer has arrived (or it failed). */
  slot(): Promise<() => void>;
}

const WINDOW_MS = 1000;
/** How far behind its plan the pacer may catch up (measured: 250 ms covers this machine's stalls, 0.91 of the limit became 0.98). */
const CATCH_UP_MS = 250;

/** The clock and the wait are injectable together, so a test can run the pacer on virtual time. */
export function createPacer(perSecond: number, now: () => number = () => performance.now(), wait: (ms: number) => Promise<unknown> = sleep): Pacer {
  if (!(perSecond > 0)) throw new Error(`pacer rate must be positive, got ${perSecond}`);
  const spacing = WINDOW_MS / perSecond;
  const catchUp = Math.max(spacing, CATCH_UP_MS);
  const budget = Math.max(1, Math.floor(perSecond));
  /** Per counted send: when it stops counting (answer + window), Infinity while unanswered. */
  const counted: number[] = [];
  /** When the plan's next start is due; the first send starts it. */
  let next: number | null = null;
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
      const delay = Math.max((next ?? t) - t, full, 0);
      if (delay <= 0) break;
      // All counted sends unanswered: nothing frees up before an answer does.
      await waitOrAnswer(Number.isFinite(delay) ? delay : WINDOW_MS);
    }
    const at = now();
    counted.push(Infinity);
    // The plan runs at exactly the limit, so a start that falls behind it (a late timer, the event
    // loop held by a store write or a GC) would be lost for good: up to CATCH_UP_MS of sends may
    // follow at once to catch up, the window above still holding them to the budget. A longer
    // stall restarts the plan from that far back, never with a whole window's burst.
    next = next === null ? at + spacing : Math.max(next, at - catchUp) + spacing;
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
