import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { internalAddressReason, type Resolver } from "../../src/sources/address-guard.js";
import { createFetcher, type FetcherOptions } from "../../src/sources/fetch.js";

interface Recorder {
  server: Server;
  port: number;
  requests: Array<{ path: string; host: string | undefined }>;
}

/** A loopback server that records every request it gets, answering with `handle`. */
async function recorder(host: string, handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Recorder> {
  const requests: Recorder["requests"] = [];
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? "/", host: req.headers.host });
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

const PAGE = "<!doctype html><html><head><title>Curfew</title></head><body><p>Curfew in Almaty.</p></body></html>";

let inside: Recorder;
let outside: Recorder;

beforeAll(async () => {
  // "inside" stands for a service on the bot's own network that a hostile feed points at.
  inside = await recorder("127.0.0.2", (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("internal secret"));
  // "outside" stands for a public news site; only the tests that say so treat 127.0.0.1 as public.
  outside = await recorder("127.0.0.1", (req, res) => {
    if (req.url === "/to-inside") return res.writeHead(302, { location: `http://intranet.example:${inside.port}/admin` }).end();
    if (req.url === "/to-inside-literal") return res.writeHead(301, { location: `http://127.0.0.2:${inside.port}/admin` }).end();
    if (req.url === "/to-ftp") return res.writeHead(302, { location: "ftp://files.example/article.txt" }).end();
    res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
  });
});

afterAll(async () => {
  for (const { server } of [inside, outside]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

beforeEach(() => {
  inside.requests.length = 0;
  outside.requests.length = 0;
});

/** Names resolve only as the test says; anything else is unknown, as on a network without it. */
function resolver(names: Record<string, string>, calls: string[] = []): Resolver {
  return async (hostname) => {
    calls.push(hostname);
    const address = names[hostname];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return [{ address, family: address.includes(":") ? 6 : 4 }];
  };
}

function fetcherOptions(overrides: Partial<FetcherOptions> = {}): FetcherOptions {
  return { userAgent: "news-briefing-bot/test", timeoutMs: 2_000, maxBytes: 1_000_000, maxRedirects: 5, retry: { attempts: 3, baseDelayMs: 5 }, ...overrides };
}

async function reasonFor(url: string, overrides: Partial<FetcherOptions> = {}): Promise<string> {
  const result = await createFetcher(fetcherOptions(overrides)).fetch(url);
  expect(result.status).toBe("failed");
  return result.status === "failed" ? result.reason : "";
}

describe("fetching internal addresses (default: refused)", () => {
  it("refuses loopback by IP, by name and in IPv6 and IPv4-mapped forms, without connecting", async () => {
    const port = inside.port;
    expect(await reasonFor(`http://127.0.0.2:${port}/admin`)).toMatch(/refused to fetch from an internal address: 127\.0\.0\.2, a loopback address/);
    expect(await reasonFor(`http://localhost:${port}/admin`)).toMatch(/refused .*localhost resolves to (?:127\.0\.0\.1|::1)/);
    expect(await reasonFor(`http://[::1]:${port}/admin`)).toMatch(/refused .*::1, a loopback address/);
    expect(await reasonFor(`http://[::ffff:127.0.0.2]:${port}/admin`)).toMatch(/refused .*a loopback address \(127\/8\)/);
    // WHATWG URL turns 0x7f.2 and 2130706434 into 127.0.0.2 before the guard sees them.
    expect(await reasonFor(`http://0x7f.0.0.2:${port}/admin`)).toMatch(/refused .*127\.0\.0\.2/);
    expect(await reasonFor(`http://2130706434:${port}/admin`)).toMatch(/refused .*127\.0\.0\.2/);
    expect(inside.requests).toEqual([]);
  });

  it("refuses a name that resolves to a private or metadata address, once, without retrying", async () => {
    const calls: string[] = [];
    const resolve = resolver({ "metadata.example": "169.254.169.254", "intranet.example": "10.1.2.3", "v6.example": "fd12::7" }, calls);
    expect(await reasonFor("http://metadata.example/latest/meta-data/", { resolve })).toMatch(
      /metadata\.example resolves to 169\.254\.169\.254, a link-local address .*cloud metadata/,
    );
    expect(await reasonFor("http://intranet.example/", { resolve })).toMatch(/intranet\.example resolves to 10\.1\.2\.3, a private address \(10\/8\)/);
    expect(await reasonFor("https://v6.example/", { resolve })).toMatch(/v6\.example resolves to fd12::7, a unique local address/);
    expect(calls).toEqual(["metadata.example", "intranet.example", "v6.example"]);
  });

  it("refuses a redirect from a public site to an internal name or address", async () => {
    const resolve = resolver({ "news.example": "127.0.0.1", "intranet.example": "127.0.0.2" });
    // 127.0.0.1 plays the public site here; 127.0.0.2 is still internal.
    const allowInternal = (address: string) => address === "127.0.0.1";
    expect(await reasonFor(`http://news.example:${outside.port}/to-inside`, { resolve, allowInternal })).toMatch(
      /refused .*intranet\.example resolves to 127\.0\.0\.2, a loopback address .*\(http:\/\/intranet\.example:\d+\/admin\)/,
    );
    expect(await reasonFor(`http://news.example:${outside.port}/to-inside-literal`, { resolve, allowInternal })).toMatch(/refused .*127\.0\.0\.2/);
    expect(outside.requests.map((r) => r.path)).toEqual(["/to-inside", "/to-inside-literal"]);
    expect(inside.requests).toEqual([]);
  });

  it("connects to the address it checked, sending the URL's own host name", async () => {
    const calls: string[] = [];
    const resolve = resolver({ "news.example": "127.0.0.1" }, calls);
    const result = await createFetcher(fetcherOptions({ resolve, allowInternal: (a) => a === "127.0.0.1" })).fetch(`http://news.example:${outside.port}/page`);
    expect(result.status).toBe("ok");
    // The system resolver knows no news.example: reaching the server at all means the socket dialled
    // the address the guard resolved and checked, not a second lookup of its own.
    expect(calls).toEqual(["news.example"]);
    expect(outside.requests).toEqual([{ path: "/page", host: `news.example:${outside.port}` }]);
  });

  it("reaches internal addresses when allowed (FETCH_ALLOW_PRIVATE=1)", async () => {
    const byName = await createFetcher(fetcherOptions({ allowInternal: () => true })).fetch(`http://localhost:${outside.port}/page`);
    expect(byName).toMatchObject({ status: "ok", contentType: "text/html" });
    const direct = await createFetcher(fetcherOptions({ allowInternal: () => true })).fetch(`http://127.0.0.2:${inside.port}/admin`);
    expect(direct).toMatchObject({ status: "ok", body: "internal secret" });
  });

  it("names the scheme of a redirect it will not follow", async () => {
    expect(await reasonFor(`http://127.0.0.1:${outside.port}/to-ftp`, { allowInternal: () => true })).toMatch(
      /redirects to ftp:\/\/files\.example\/article\.txt: the ftp: scheme is not followed, only http: and https:/,
    );
  });
});

describe("internalAddressReason", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["10.255.0.1", /private address \(10\/8\)/],
    ["172.16.0.1", /172\.16\/12/],
    ["172.31.255.255", /172\.16\/12/],
    ["192.168.1.1", /192\.168\/16/],
    ["169.254.169.254", /link-local/],
    ["0.0.0.0", /this network/],
    ["::1", /loopback/],
    ["::", /unspecified/],
    ["fc00::1", /unique local/],
    ["fdff:ffff::1", /unique local/],
    ["fe80::1%eth0", /link-local/],
    ["::ffff:10.0.0.1", /private address \(10\/8\)/],
    ["::ffff:a9fe:a9fe", /link-local/],
    ["0:0:0:0:0:ffff:c0a8:0101", /192\.168\/16/],
    ["64:ff9b::7f00:1", /loopback/],
  ])("%s is internal", (address, reason) => {
    expect(internalAddressReason(address)).toMatch(reason);
  });

  it.each(["93.184.216.34", "172.32.0.1", "172.15.255.255", "192.169.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])("%s is public", (address) => {
    expect(internalAddressReason(address)).toBeNull();
  });
});
