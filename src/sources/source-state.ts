import { z } from "zod";

/**
 * What we remember about one source (page or feed) between refreshes. Pure data and pure
 * functions: the scheduler decides when to call them and the store persists the result.
 */
export const SourceState = z.object({
  /** Consecutive failures; any success resets it. */
  failures: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** Before this instant the source is not asked again; null means "on the next refresh". */
  nextAttemptAt: z.iso.datetime({ offset: true }).nullable(),
  /** Reported in logs and /help so an operator notices a dead source instead of a quiet briefing. */
  failing: z.boolean(),
});
export type SourceState = z.infer<typeof SourceState>;

export interface BackoffPolicy {
  /** Consecutive failures after which a source counts as failing and is backed off. */
  failingAfter: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * One blip (a deploy, a 502) should not mark a source as failing or delay it; three in a row
 * usually means a moved page or a blocked bot, and hammering it every refresh helps nobody.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { failingAfter: 3, baseDelayMs: 5 * 60_000, maxDelayMs: 6 * 60 * 60_000 };

export const initialSourceState: SourceState = { failures: 0, lastError: null, nextAttemptAt: null, failing: false };

export function recordFailure(state: SourceState, error: string, now: Date, policy: BackoffPolicy = DEFAULT_BACKOFF): SourceState {
  const failures = state.failures + 1;
  const failing = failures >= policy.failingAfter;
  if (!failing) return { failures, lastError: error, nextAttemptAt: null, failing };
  // Doubling from the moment it became failing: 5 min, 10, 20, ... capped, so a source that comes
  // back is noticed within the cap.
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - policy.failingAfter));
  return { failures, lastError: error, nextAttemptAt: new Date(now.getTime() + delay).toISOString(), failing };
}

export function recordSuccess(): SourceState {
  return initialSourceState;
}

/** Whether the scheduler should try this source now. */
export function isDue(state: SourceState, now: Date): boolean {
  return state.nextAttemptAt === null || Date.parse(state.nextAttemptAt) <= now.getTime();
}
