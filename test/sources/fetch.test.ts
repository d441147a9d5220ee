import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFetcher, MemoryConditionalCache, type FetcherOptions } from "../../src/sources/fetch.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const routes = new Map<string, Handler>();
const hits = new Map<string, number>();
let server: Server;
let base: string;

const PAGE = "<!doctype html><html><head><title>Curfew</title></head><body><p>Curfew in Almaty.</p></body></html>";

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) return handler(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  routes.clear();
  hits.clear();
});

/** The test servers are on loopback, which only an explicit allowance (FETCH_ALLOW_PRIVATE) reaches. */
function options(overrides: Partial<FetcherOptions> = {}): FetcherOptions {
  return {
    userAgent: "news-briefing-bot/test",
    timeoutMs: 1_000,
    maxBytes: 1_000_000,
    maxRedirects: 5,
    retry: { attempts: 3, baseDelayMs: 5 },
    allowInternal: () => true,
    ...overrides,
  };
}

describe("createFetcher", () => {
  it("sends the ETag back and reports an unchanged page as not-modified", async () => {
    const seen: Array<string | undefined> = [];
    routes.set("/page", (req, res) => {
      seen.push(req.headers["if-none-match"]);
      if (req.headers["if-none-match"] === '"v1"') return res.writeHead(304).end();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", etag: '"v1"', "last-modified": "Sat, 08 Jan 2022 08:12:00 GMT" }).end(PAGE);
    });
    const fetcher = createFetcher(options({ cache: new MemoryConditionalCache() }));

    const first = await fetcher.fetch(`${base}/page`);
    expect(first).toMatchObject({ status: "ok", contentType: "text/html", etag: '"v1"', lastModified: "Sat, 08 Jan 2022 08:12:00 GMT" });
    expect(first.status === "ok" && first.body).toContain("Curfew in Almaty.");
    expect(await fetcher.fetch(`${base}/page`)).toEqual({ status: "not-modified" });
    expect(seen).toEqual([undefined, '"v1"']);
  });

  it("stops reading a 10 MB page at the size cap", async () => {
    let written = 0;
    let closedEarly: (early: boolean) => void = () => undefined;
    const closed = new Promise<boolean>((resolve) => (closedEarly = resolve));
    routes.set("/huge", (_req, res) => {
      // Chunked, no Content-Length: the cap must be enforced while streaming.
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      const pump = () => {
        while (written < 10 * 1024 * 1024) {
          if (res.destroyed) return;
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => closedEarly(written < 10 * 1024 * 1024 || !res.writableFinished));
      pump();
    });
    const result = await createFetcher(options({ maxBytes: 256 * 1024 })).fetch(`${base}/huge`);
    expect(result).toMatchObject({ status: "failed" });
    expect(result.status === "failed" && result.reason).toMatch(/exceeds the limit of 262144 bytes/);
    // The server sees the connection close when the client gives up: waited for, not slept on.
    expect(await closed).toBe(true);
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });

  it("rejects a declared Content-Length over the cap before reading the body", async () => {
    routes.set("/declared", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-length": String(5_000_000) });
      res.write("<p>start</p>");
    });
    const result = await createFetcher(options({ maxBytes: 100_000 })).fetch(`${base}/declared`);
    expect(result.status === "failed" && result.reason).toMatch(/5000000 bytes exceeds the limit of 100000/);
  });

  it("gives up on a server that stalls after the headers", async () => {
    routes.set("/slow", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<p>first bytes");
    });
    const started = Date.now();
    const result = await createFetcher(options({ timeoutMs: 150, retry: { attempts: 1, baseDelayMs: 5 } })).fetch(`${base}/slow`);
    expect(result.status === "failed" && result.reason).toMatch(/timed out after 150 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("fails a redirect loop with a reason instead of following it forever", async () => {
    routes.set("/a", (_req, res) => res.writeHead(302, { location: "/b" }).end());
    routes.set("/b", (_req, res) => res.writeHead(301, { location: `${base}/a` }).end());
    const result = await createFetcher(options()).fetch(`${base}/a`);
    expect(result.status === "failed" && result.reason).toMatch(/redirect loop/);
    expect(hits.get("/a")).toBe(1);
  });

  it("follows redirects up to the limit and reports the final URL", async () => {
    routes.set("/old", (_req, res) => res.writeHead(301, { location: "/new" }).end());
    routes.set("/new", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(PAGE));
    const result = await createFetcher(options()).fetch(`${base}/old`);
    expect(result).toMatchObject({ status: "ok", url: `${base}/new` });

    for (let i = 0; i < 4; i++) routes.set(`/hop${i}`, (_req, res) => res.writeHead(307, { location: `/hop${i + 1}` }).end());
    const tooMany = await createFetcher(options({ maxRedirects: 2 })).fetch(`${base}/hop0`);
    expect(tooMany.status === "failed" && tooMany.reason).toMatch(/too many redirects/);
  });

  it("decodes a windows-1251 page by its declared charset", async () => {
    const bytes = readFileSync(new URL("../fixtures/html/windows-1251.html", import.meta.url));
    routes.set("/ru", (_req, res) => res.writeHead(200, { "content-type": "text/html; charset=windows-1251" }).end(bytes));
    routes.set("/ru-meta", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(bytes));
    const fetcher = createFetcher(options());
    for (const path of ["/ru", "/ru-meta"]) {
      const result = await fetcher.fetch(`${base}${path}`);
      expect(result.status === "ok" && result.body).toContain("аэропорт Алматы снова находится под их контролем");
    }
  });

  it("retries a 500 and returns the page that follows", async () => {
    routes.set("/flaky", (_req, res) => {
      if (hits.get("/flaky") === 1) return res.writeHead(500, { "content-type": "text/plain" }).end("oops");
      res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    });
    const result = await createFetcher(options()).fetch(`${base}/flaky`);
    expect(result.status).toBe("ok");
    expect(hits.get("/flaky")).toBe(2);
  });

  it("honours Retry-After on 429 and fails when the server keeps refusing", async () => {
    routes.set("/busy", (_req, res) => res.writeHead(429, { "retry-after": "0" }).end());
    const result = await createFetcher(options({ retry: { attempts: 2, baseDelayMs: 5 } })).fetch(`${base}/busy`);
    expect(result.status === "failed" && result.reason).toMatch(/HTTP 429 .* \(after 2 attempts\)/);
    expect(hits.get("/busy")).toBe(2);

    routes.set("/later", (_req, res) => res.writeHead(503, { "retry-after": "3600" }).end());
    const later = await createFetcher(options()).fetch(`${base}/later`);
    expect(later.status === "failed" && later.reason).toMatch(/wait 3600 s/);
    expect(hits.get("/later")).toBe(1);
  });

  it("does not retry a 404", async () => {
    const result = await createFetcher(options()).fetch(`${base}/missing`);
    expect(result.status === "failed" && result.reason).toMatch(/HTTP 404/);
    expect(hits.get("/missing")).toBe(1);
  });

  it("sends at most one request at a time to a host", async () => {
    let inFlight = 0;
    let most = 0;
    for (const path of ["/q1", "/q2", "/q3", "/q4"]) {
      routes.set(path, (_req, res) => {
        inFlight++;
        most = Math.max(most, inFlight);
        setTimeout(() => {
          inFlight--;
          res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
        }, 30);
      });
    }
    const fetcher = createFetcher(options());
    const results = await Promise.all(["/q1", "/q2", "/q3", "/q4"].map((p) => fetcher.fetch(`${base}${p}`)));
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(most).toBe(1);
  });

  it("rejects an image with a reason naming its type", async () => {
    routes.set("/logo.png", (_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47])));
    const result = await createFetcher(options()).fetch(`${base}/logo.png`);
    expect(result.status === "failed" && result.reason).toMatch(/unsupported content type "image\/png"/);
  });

  it("reports a refused connection as failed rather than throwing", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await createFetcher(options({ retry: { attempts: 2, baseDelayMs: 5 } })).fetch(`http://127.0.0.1:${port}/`);
    expect(result.status === "failed" && result.reason).toMatch(/network error: .*ECONNREFUSED/);
  });
});
