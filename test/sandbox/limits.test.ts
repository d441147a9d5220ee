import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { validateChoices, validateMessageBody } from "../../src/sandbox/validation.js";
import { RateLimits } from "../../src/sandbox/rate-limits.js";

describe("Discord's message limits as the sandbox enforces them", () => {
  it("accepts a full-size briefing embed right at the limits", () => {
    const embed = {
      title: "T".repeat(256),
      description: "D".repeat(4096),
      fields: [{ name: "Casualties", value: "V".repeat(1024) }],
      footer: { text: "Sources: Reuters, dpa" },
      timestamp: "2022-01-08T09:39:00.000Z",
      url: "https://example.org/kazakhstan",
    };
    expect(validateMessageBody({ embeds: [embed] }, { requireContent: true })).toBeUndefined();
  });

  it("names the field that broke a limit in Discord's nested error tree", () => {
    const result = validateMessageBody(
      { embeds: [{ title: "ok" }, { description: "x".repeat(4097), fields: [{ name: "n", value: "v".repeat(1025) }] }] },
      { requireContent: true },
    );
    expect(result?.body.code).toBe(50035);
    const embeds = result?.body.errors?.embeds as Record<string, Record<string, unknown>>;
    expect(Object.keys(embeds)).toEqual(["1"]);
    expect(embeds["1"]?.description).toMatchObject({ _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] });
    expect(embeds["1"]?.fields).toMatchObject({ "0": { value: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } });
  });

  it("counts the 6,000 character budget across all embeds of a message", () => {
    const embeds = [1, 2].map(() => ({ description: "y".repeat(3001) }));
    const result = validateMessageBody({ embeds }, { requireContent: true });
    expect(result?.body.errors?.embeds).toMatchObject({ _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED" }] });
  });

  it("refuses an embed link that is not http(s) and an unparseable timestamp", () => {
    const result = validateMessageBody({ embeds: [{ url: "javascript:alert(1)", timestamp: "8 January" }] }, { requireContent: true });
    expect(result?.body.errors?.embeds).toMatchObject({
      "0": { url: { _errors: [{ code: "URL_TYPE_INVALID_URL" }] }, timestamp: { _errors: [{ code: "DATE_TYPE_PARSE" }] } },
    });
  });

  it("calls an empty post an empty message, but lets an edit leave content out", () => {
    expect(validateMessageBody({ content: "" }, { requireContent: true })?.body.code).toBe(50006);
    expect(validateMessageBody({ embeds: [] }, { requireContent: false })).toBeUndefined();
  });

  it("allows 25 autocomplete choices of 1-100 characters and no more", () => {
    const choices = (n: number, name = "Almaty") => Array.from({ length: n }, (_, i) => ({ name: `${name} ${i}`, value: `${i}` }));
    expect(validateChoices({ choices: choices(25) })).toBeUndefined();
    expect(validateChoices({ choices: choices(26) })?.body.code).toBe(50035);
    expect(validateChoices({ choices: choices(1, "z".repeat(100)) })?.body.code).toBe(50035);
  });
});

describe("the sandbox's global rate limit over HTTP", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimits: { globalPerSecond: 2 } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it("answers the third request in a second with a global 429 carrying Retry-After in seconds", async () => {
    const get = () => fetch(`${sandbox.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${sandbox.token}` } });
    const responses = [await get(), await get(), await get()];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 429]);
    const limited = responses[2]!;
    expect(limited.headers.get("x-ratelimit-global")).toBe("true");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ global: true, retry_after: retryAfter });
    expect(sandbox.stats.rateLimited).toBe(1);
  });

  it("logs unknown routes as 404 in Discord's error shape and records the call without its token", async () => {
    const response = await fetch(`${sandbox.apiUrl}/v10/channels/1/pins`, { headers: { Authorization: `Bot ${sandbox.token}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 0 });
    const recorded = sandbox.requests.at(-1);
    expect(recorded).toMatchObject({ method: "GET", path: "/channels/1/pins", status: 404 });
    expect(JSON.stringify(recorded)).not.toContain(sandbox.token);
  });
});

describe("the sandbox's rate limits, as rolling windows", () => {
  it("refuses a request that would make more than the limit in any second, wherever the second starts", () => {
    const limits = new RateLimits({ globalPerSecond: 2 });
    expect([0, 900, 1000].map((t) => limits.global(t)?.status)).toEqual([undefined, undefined, undefined]);
    // A fixed window starting at 0 would let this through: 900 and 1000 are both within the second before it.
    const refused = limits.global(1010);
    expect(refused?.status).toBe(429);
    expect(limits.global(1900)).toBeUndefined();
  });

  it("counts a channel's message creates over its own rolling window, its headers saying when room frees up", () => {
    const limits = new RateLimits({ perChannel: { count: 2, windowMs: 5000 } });
    expect(limits.messageCreate("c", 0).headers["X-RateLimit-Remaining"]).toBe("1");
    expect(limits.messageCreate("c", 4000).headers["X-RateLimit-Remaining"]).toBe("0");
    const full = limits.messageCreate("c", 4500);
    expect(full.limited?.status).toBe(429);
    expect(full.headers["X-RateLimit-Reset-After"]).toBe("0.500");
    expect(limits.messageCreate("other", 4500).limited).toBeUndefined();
    expect(limits.messageCreate("c", 5000).limited).toBeUndefined();
  });
});
