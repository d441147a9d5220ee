import { tooManyRequests } from "./faults.js";
import type { RestResponse } from "./response.js";
import type { RateLimitOptions } from "./types.js";

/**
 * Requests accepted within the last `windowMs`: a rolling window, so no stretch of that length ever
 * holds more than the limit, wherever it starts (a fixed window lets a burst at its end and another
 * at the next one's start through together).
 */
class RollingWindow {
  readonly #accepted: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts the request when there is room; otherwise ms until the oldest counted one leaves the window. */
  take(now: number): { ok: true; remaining: number; resetAfterMs: number } | { ok: false; retryAfterMs: number } {
    const accepted = this.#accepted;
    while ((accepted[0] ?? Infinity) <= now - this.windowMs) accepted.shift();
    const oldest = accepted[0] ?? now;
    if (accepted.length >= this.limit) return { ok: false, retryAfterMs: oldest + this.windowMs - now };
    accepted.push(now);
    return { ok: true, remaining: this.limit - accepted.length, resetAfterMs: oldest + this.windowMs - now };
  }
}

const MESSAGE_BUCKET = "sandbox-channel-messages";

function seconds(ms: number): string {
  return (Math.max(ms, 0) / 1000).toFixed(3);
}

/**
 * Discord's limits as rolling windows: a global budget per second for everything except interaction
 * responses, and a per-channel budget for message creates whose headers let @discordjs/rest pace
 * itself before it hits a 429. A refused request does not count.
 */
export class RateLimits {
  readonly #global: RollingWindow | undefined;
  readonly #channels = new Map<string, RollingWindow>();

  constructor(private readonly options: RateLimitOptions = {}) {
    if (options.globalPerSecond !== undefined) this.#global = new RollingWindow(options.globalPerSecond, 1000);
  }

  /** A global 429 if this request would be over the per-second budget. */
  global(now: number): RestResponse | undefined {
    const taken = this.#global?.take(now);
    if (!taken || taken.ok) return undefined;
    return tooManyRequests(Number(seconds(taken.retryAfterMs)), true);
  }

  /** Bucket headers for a message create in this channel, and the 429 to send instead if its window is full. */
  messageCreate(channelId: string, now: number): { headers: Record<string, string>; limited?: RestResponse } {
    const limit = this.options.perChannel;
    if (!limit) return { headers: {} };
    let window = this.#channels.get(channelId);
    if (!window) this.#channels.set(channelId, (window = new RollingWindow(limit.count, limit.windowMs)));
    const taken = window.take(now);
    const resetAfterMs = taken.ok ? taken.resetAfterMs : taken.retryAfterMs;
    const headers = {
      "X-RateLimit-Limit": String(limit.count),
      "X-RateLimit-Remaining": String(taken.ok ? taken.remaining : 0),
      "X-RateLimit-Reset-After": seconds(resetAfterMs),
      "X-RateLimit-Reset": seconds(now + resetAfterMs),
      "X-RateLimit-Bucket": MESSAGE_BUCKET,
    };
    if (taken.ok) return { headers };
    return { headers, limited: tooManyRequests(Number(seconds(resetAfterMs)), false, headers) };
  }
}
