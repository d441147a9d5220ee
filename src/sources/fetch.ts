import { Agent, fetch, type Response } from "undici";
import { decodeBody } from "../charset.js";
import { BlockedAddressError, guardedLookup, literalAddress, refusal, systemResolver, type AddressPolicy } from "./address-guard.js";
import { httpUrl } from "../http-url.js";

/** Validators from a previous fetch, sent back so an unchanged page costs the server a 304. */
export interface CacheValidators {
  etag: string | null;
  lastModified: string | null;
}

/** Where validators live between fetches; the store persists them, tests keep them in memory. */
export interface ConditionalCache {
  get(url: string): CacheValidators | null | Promise<CacheValidators | null>;
  set(url: string, validators: CacheValidators): void | Promise<void>;
}

export class MemoryConditionalCache implements ConditionalCache {
  readonly #entries = new Map<string, CacheValidators>();
  get(url: string): CacheValidators | null {
    return this.#entries.get(url) ?? null;
  }
  set(url: string, validators: CacheValidators): void {
    this.#entries.set(url, validators);
  }
}

export interface FetcherOptions {
  userAgent: string;
  /** For one request, from sending it to the last body byte. */
  timeoutMs: number;
  /** Decoded body size limit, enforced while streaming. */
  maxBytes: number;
  maxRedirects: number;
  retry: {
    /** Total tries, the first included. */
    attempts: number;
    baseDelayMs: number;
    /** A Retry-After longer than this fails the fetch instead of stalling the refresh. Default 60 s. */
    maxDelayMs?: number;
  };
  cache?: ConditionalCache;
  /** How names resolve; the system's DNS unless a test injects another. */
  resolve?: AddressPolicy["resolve"];
  /**
   * Loopback, private, link-local and other internal addresses are refused (after resolution, on
   * every hop) unless this allows them: a feed must not make the bot read its own network.
   */
  allowInternal?: AddressPolicy["allowInternal"];
  /**
   * Ends every request in flight or waiting (a refresh run's deadline, a shutdown): they come back
   * "aborted", which says nothing against the source. The signal's reason says why.
   */
  signal?: AbortSignal;
}

export type FetchResult =
  | {
      status: "ok";
      /** After redirects. */
      url: string;
      /** The media type without parameters, e.g. "text/html"; the body is already decoded. */
      contentType: string;
      body: string;
      etag: string | null;
      lastModified: string | null;
    }
  | { status: "not-modified" }
  | { status: "failed"; reason: string }
  | { status: "aborted"; reason: string };

export interface Fetcher {
  /** Never throws for network or server trouble: that is a "failed" result with a reason. */
  fetch(url: string): Promise<FetchResult>;
}

const ACCEPTED_TYPES = /^(?:text\/html|application\/xhtml\+xml|text\/xml|application\/xml|application\/(?:rss|atom|rdf)\+xml|text\/plain)$/;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8";
const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;

/** One hop's outcome; "retry" carries how long the server asked us to wait, if it did. */
type Attempt = { kind: "done"; result: FetchResult } | { kind: "redirect"; location: string } | { kind: "retry"; reason: string; retryAfterMs: number | null };

/**
 * A polite HTTP client for pages and feeds: one request at a time per host, conditional requests,
 * bounded size and time, manual redirects with loop detection, and retries only where a retry can
 * help (network errors, 5xx, 429), never on 4xx.
 */
export function createFetcher(options: FetcherOptions): Fetcher {
  const policy: AddressPolicy = { resolve: options.resolve ?? systemResolver, allowInternal: options.allowInternal ?? (() => false) };
  // Every connection goes through the guarded lookup: the address checked is the address dialled.
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(policy) } });
  const hostQueues = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier request to the same host has finished. */
  function queued<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = hostQueues.get(host) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    hostQueues.set(host, tail);
    void tail.then(() => {
      if (hostQueues.get(host) === tail) hostQueues.delete(host);
    });
    return run;
  }

  async function fetchUrl(start: string): Promise<FetchResult> {
    let url = start;
    const visited = new Set<string>();
    for (let hops = 0; ; hops++) {
      visited.add(url);
      const attempt = await withRetries(url);
      if (attempt.kind !== "redirect") return attempt.result;
      const next = attempt.location;
      if (visited.has(next)) return failed(`redirect loop: ${url} leads back to ${next}`);
      if (hops + 1 > options.maxRedirects) return failed(`too many redirects (more than ${options.maxRedirects}) from ${start}`);
      url = next;
    }
  }

  async function withRetries(url: string): Promise<Exclude<Attempt, { kind: "retry" }>> {
    const maxDelay = options.retry.maxDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS;
    for (let attempt = 1; ; attempt++) {
      const outcome = await queued(new URL(url).host, () => guardedRequest(url));
      if (outcome.kind !== "retry") return outcome;
      if (attempt >= options.retry.attempts) return { kind: "done", result: failed(`${outcome.reason} (after ${attempt} attempts)`) };
      const backoff = options.retry.baseDelayMs * 2 ** (attempt - 1);
      if (outcome.retryAfterMs !== null && outcome.retryAfterMs > maxDelay) {
        return { kind: "done", result: failed(`${outcome.reason}; server asks to wait ${Math.ceil(outcome.retryAfterMs / 1000)} s`) };
      }
      await sleep(Math.max(backoff, outcome.retryAfterMs ?? 0), options.signal);
    }
  }

  /** A host given as an IP literal is never looked up, so it is checked here instead. */
  async function guardedRequest(url: string): Promise<Attempt> {
    const literal = literalAddress(new URL(url).hostname);
    const refused = literal ? refusal(policy, literal, literal) : null;
    return refused ? done(failed(`${refused} (${url})`)) : requestOnce(url);
  }

  async function requestOnce(url: string): Promise<Attempt> {
    if (options.signal?.aborted) return done(aborted(options.signal));
    const validators = (await options.cache?.get(url)) ?? null;
    const headers: Record<string, string> = { "user-agent": options.userAgent, accept: ACCEPT };
    if (validators?.etag) headers["if-none-match"] = validators.etag;
    if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    const stop = () => controller.abort();
    options.signal?.addEventListener("abort", stop, { once: true });
    try {
      const response = await fetch(url, { headers, redirect: "manual", signal: controller.signal, dispatcher });
      const status = response.status;

      if (REDIRECTS.has(status)) {
        await response.body?.cancel();
        const location = response.headers.get("location");
        const next = location ? httpUrl(location, url) : null;
        if (next) return { kind: "redirect", location: next };
        const scheme = location ? otherScheme(location, url) : null;
        if (scheme) return done(failed(`HTTP ${status} from ${url} redirects to ${location}: the ${scheme} scheme is not followed, only http: and https:`));
        return done(failed(`HTTP ${status} from ${url} without a usable Location`));
      }
      if (status === 304) {
        await response.body?.cancel();
        return done({ status: "not-modified" });
      }
      if (status === 429 || status >= 500) {
        await response.body?.cancel();
        return { kind: "retry", reason: `HTTP ${status} from ${url}`, retryAfterMs: retryAfterMs(response.headers.get("retry-after")) };
      }
      if (status < 200 || status >= 300) {
        await response.body?.cancel();
        return done(failed(`HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""} from ${url}`));
      }

      const header = response.headers.get("content-type");
      const mediaType = header?.split(";")[0]?.trim().toLowerCase() ?? "";
      if (!ACCEPTED_TYPES.test(mediaType)) {
        await response.body?.cancel();
        return done(failed(`unsupported content type ${header ? `"${header}"` : "(none)"} from ${url}`));
      }
      const declaredLength = Number(response.headers.get("content-length"));
      if (declaredLength > options.maxBytes) {
        await response.body?.cancel();
        return done(failed(`body of ${declaredLength} bytes exceeds the limit of ${options.maxBytes} from ${url}`));
      }
      const bytes = await readCapped(response, options.maxBytes);
      if (!bytes) {
        controller.abort();
        return done(failed(`body exceeds the limit of ${options.maxBytes} bytes from ${url}`));
      }

      const etag = response.headers.get("etag");
      const lastModified = response.headers.get("last-modified");
      if (etag || lastModified) await options.cache?.set(url, { etag, lastModified });
      return done({ status: "ok", url, contentType: mediaType, body: decodeBody(bytes, header), etag, lastModified });
    } catch (error) {
      if (error instanceof Error && error.cause instanceof BlockedAddressError) return done(failed(`${error.cause.message} (${url})`));
      if (options.signal?.aborted) return done(aborted(options.signal));
      const reason = controller.signal.aborted ? `timed out after ${options.timeoutMs} ms` : networkReason(error);
      return { kind: "retry", reason: `${reason} fetching ${url}`, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", stop);
    }
  }

  return {
    async fetch(url: string): Promise<FetchResult> {
      const start = httpUrl(url, null);
      if (!start) return failed(`not an http(s) URL: ${url}`);
      try {
        return await fetchUrl(start);
      } catch (error) {
        // A cache backend failing (disk full, locked database) is still not the caller's crash.
        return failed(`fetching ${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

/** Reads the body, giving up (null) as soon as it grows past `maxBytes`, so a huge page is never held whole. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array();
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return `network error: ${String(error)}`;
  // undici hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = error.cause instanceof Error ? error.cause.message : null;
  return `network error: ${cause ?? error.message}`;
}

/** The scheme of a Location that parses as a URL but is not http(s), e.g. "ftp:". */
function otherScheme(location: string, base: string): string | null {
  try {
    return new URL(location, base).protocol;
  } catch {
    return null;
  }
}

function done(result: FetchResult): Attempt {
  return { kind: "done", result };
}

function failed(reason: string): FetchResult {
  return { status: "failed", reason };
}

function aborted(signal: AbortSignal): FetchResult {
  return { status: "aborted", reason: typeof signal.reason === "string" ? signal.reason : "stopped" };
}

/** Waits, or less when the signal ends the wait (the next request then sees it aborted). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
