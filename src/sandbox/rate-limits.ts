import { tooManyRequests } from "./faults.js";
import type { RestResponse } from "./response.js";
import type { RateLimitOptions } from "./types.js";

interface Window {
  startedAt: number;
  used: number;
}

const MESSAGE_BUCKET = "sandbox-channel-messages";

function seconds(ms: number): string {
  return (Math.max(ms, 0) / 1000).toFixed(3);
}

/**
 * Discord's limits as fixed windows: a global budget per second for everything except interaction responses, and a
 * per-channel budget for message creates whose headers let @discordjs/rest pace itself before it hits a 429.
 */
export class RateLimits {
  #global: Window = { startedAt: 0, used: 0 };
  readonly #channels = new Map<string, Window>();

  constructor(private readonly options: RateLimitOptions = {}) {}

  /** A global 429 if this request is over the per-second budget. */
  global(now: number): RestResponse | undefined {
    const limit = this.options.globalPerSecond;
    if (limit === undefined) return undefined;
    if (now - this.#global.startedAt >= 1000) this.#global = { startedAt: now, used: 0 };
    this.#global.used += 1;
    if (this.#global.used <= limit) return undefined;
    return tooManyRequests(Number(seconds(this.#global.startedAt + 1000 - now)), true);
  }

  /** Bucket headers for a message create in this channel, and the 429 to send instead if its window is spent. */
  messageCreate(channelId: string, now: number): { headers: Record<string, string>; limited?: RestResponse } {
    const limit = this.options.perChannel;
    if (!limit) return { headers: {} };
    let window = this.#channels.get(channelId);
    if (!window || now - window.startedAt >= limit.windowMs) {
      window = { startedAt: now, used: 0 };
      this.#channels.set(channelId, window);
    }
    window.used += 1;
    const resetAfter = seconds(window.startedAt + limit.windowMs - now);
    const headers = {
      "X-RateLimit-Limit": String(limit.count),
      "X-RateLimit-Remaining": String(Math.max(limit.count - window.used, 0)),
      "X-RateLimit-Reset-After": resetAfter,
      "X-RateLimit-Reset": seconds(window.startedAt + limit.windowMs),
      "X-RateLimit-Bucket": MESSAGE_BUCKET,
    };
    if (window.used <= limit.count) return { headers };
    return { headers, limited: tooManyRequests(Number(resetAfter), false, headers) };
  }
}
