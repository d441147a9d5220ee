import { CONNECTION_RESET, discordError, type RestResponse } from "./response.js";
import type { FaultRule } from "./types.js";

const DEFAULT_CODES: Partial<Record<Exclude<FaultRule["status"], "reset">, number>> = { 403: 50013, 404: 10003 };

interface ArmedFault {
  rule: FaultRule;
  remaining: number;
}

/** Failures a test injects: each rule answers its next `times` matching requests instead of the real route. */
export class Faults {
  #armed: ArmedFault[] = [];

  add(rule: FaultRule): void {
    this.#armed.push({ rule, remaining: rule.times ?? 1 });
  }

  /** The injected answer for this request, if a rule still applies; consumes one use of that rule. */
  take(method: string, path: string): RestResponse | undefined {
    const fault = this.#armed.find(({ rule, remaining }) => remaining > 0 && matches(rule, method, path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.#armed = this.#armed.filter((armed) => armed.remaining > 0);
    return answer(fault.rule);
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  return typeof rule.path === "string" ? rule.path === path : rule.path.test(path);
}

function answer(rule: FaultRule): RestResponse {
  if (rule.status === "reset") return { status: CONNECTION_RESET };
  if (rule.status === 429) return tooManyRequests(rule.retryAfter ?? 1, rule.global ?? false);
  if (rule.status >= 500) return { status: rule.status, body: { message: `${rule.status}: Server Error`, code: 0 } };
  return discordError(rule.status, rule.code ?? DEFAULT_CODES[rule.status] ?? 0);
}

/** A 429 as Discord sends it: `Retry-After` in seconds, `retry_after` in the body, the global marker if global. */
export function tooManyRequests(retryAfterSeconds: number, global: boolean, headers: Record<string, string> = {}): RestResponse {
  return {
    status: 429,
    headers: {
      ...headers,
      "Retry-After": String(retryAfterSeconds),
      "X-RateLimit-Scope": global ? "global" : "user",
      ...(global ? { "X-RateLimit-Global": "true" } : {}),
    },
    body: { message: "You are being rate limited.", retry_after: retryAfterSeconds, global },
  };
}
