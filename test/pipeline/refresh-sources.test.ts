import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { termsOfText } from "../../src/analyse/terms.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { failingSources } from "../../src/briefing/failing-sources.js";
import { refreshSources, type SourceRefreshOptions } from "../../src/pipeline/refresh-sources.js";
import { EXTRACTION_VERSION } from "../../src/extract/version.js";
import { openStore, type Store } from "../../src/store/index.js";
import { storedRows } from "../support/stored-rows.js";
import { conditional, startLocalServer, type LocalServer } from "../sources/local-server.js";
import { articlePage, capturedLogger, liveEntry, livePage, story, windows1251 } from "../sources/pages.js";

let server: LocalServer;
let store: Store;
let dir: string;
let path: string;

beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.routes.clear();
  server.requests.length = 0;
  // On file, so the updates it recorded can be counted in the database itself.
  dir = mkdtempSync(join(tmpdir(), "refresh-test-"));
  path = join(dir, "briefing.db");
  store = await openStore(path);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const recordedUpdates = (story: string) => storedRows(path, "SELECT id FROM updates WHERE story = ?", story);

// The test server is on loopback, which only FETCH_ALLOW_PRIVATE (allowInternal) reaches.
const fast: SourceRefreshOptions = { fetch: { timeoutMs: 400, retry: { attempts: 2, baseDelayMs: 5 }, allowInternal: () => true } };

const killed26 = liveEntry(
  "2022-01-07T08:30:00+06:00",
  "<p>Officials in Nur-Sultan said on Friday that 26 people had been killed in clashes with police in Almaty.</p>",
);
const detained = (count: string) =>
  liveEntry("2022-01-07T10:05:00+06:00", `<p>The interior ministry said ${count} people had been detained across the country since Wednesday.</p>`);
const killed44 = liveEntry(
  "2022-01-07T13:45:00+06:00",
  "<h3>Toll climbs</h3><p>The health ministry said at least 44 people had been killed in the unrest.</p><p>Internet access remained cut across much of the country, a monitoring group reported.</p>",
);

describe("refreshSources on a live page", () => {
  it("turns only the new entry and the revised figure of a changed live page into an update", async () => {
    let entries = [detained("2,000"), killed26];
    server.routes.set(
      "/live",
      conditional("text/html; charset=utf-8", () => livePage(entries)),
    );
    const stories = [story({ pages: [`${server.base}/live`] })];
    const { logger } = capturedLogger();

    const first = await refreshSources(store, stories, logger, fast);
    expect(first.sources[0]).toMatchObject({ status: "read", reason: null });
    expect(first.sources[0]?.reports[0]?.status).toBe("added");

    entries = [killed44, detained("3,800"), killed26];
    const second = await refreshSources(store, stories, logger, fast);
    const report = second.sources[0]?.reports[0];
    expect(report?.status).toBe("updated");
    expect(report?.articleId).toBe(first.sources[0]?.reports[0]?.articleId);
    const update = report?.update;
    expect(update?.status).toBe("updated");
    expect(update?.figures.map((f) => [f.figure.category, f.figure.count, f.previous?.count])).toEqual([
      ["killed", 44, 26],
      ["detained", 3800, 2000],
    ]);
    const headlines = update?.headlines.map((h) => h.text) ?? [];
    expect(headlines.some((h) => h.includes("at least 44 people"))).toBe(true);
    expect(headlines.some((h) => h.includes("26 people"))).toBe(false);
    expect(recordedUpdates("kazakhstan")).toHaveLength(2);
  });

  it("asks again with the ETag and re-ingests nothing when the page has not changed", async () => {
    server.routes.set(
      "/live",
      conditional("text/html", () => livePage([detained("2,000"), killed26])),
    );
    const stories = [story({ pages: [`${server.base}/live`] })];
    const { logger } = capturedLogger();
    await refreshSources(store, stories, logger, fast);
    const version = await store.version();

    const again = await refreshSources(store, stories, logger, fast);
    expect(again.sources[0]?.status).toBe("not-modified");
    expect(again.updates).toBe(0);
    const [firstRequest, secondRequest] = server.requests;
    expect(firstRequest?.ifNoneMatch).toBeNull();
    expect(secondRequest?.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);
    expect(await store.version()).toBe(version);
    expect(recordedUpdates("kazakhstan")).toHaveLength(1);
    expect(await store.source("kazakhstan", `${server.base}/live`)).toMatchObject({ failures: 0, failing: false, etag: secondRequest?.ifNoneMatch });
  });

  it("identifies itself with a User-Agent naming the bot", async () => {
    server.routes.set(
      "/live",
      conditional("text/html", () => livePage([killed26, detained("2,000")])),
    );
    await refreshSources(store, [story({ pages: [`${server.base}/live`] })], capturedLogger().logger, fast);
    expect(server.requests[0]?.userAgent).toMatch(/^news-briefing-bot\//);
  });
});

const longParagraphs = (place: string) => [
  `Security forces in ${place} said on Saturday that they had regained control of the main administrative buildings after two days of clashes with armed groups, and that a curfew would stay in force until further notice.`,
  `Residents of ${place} told reporters by telephone that shops remained shut and queues had formed outside the few cash machines still working, while mobile internet was available only for a few hours a day.`,
];

function rss(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Steppe Daily: Central Asia</title><link>${server.base}/</link><description>News</description>
${items.join("\n")}
</channel></rss>`;
}

const fullItem = (id: string, title: string, place: string) => `<item><title>${title}</title><link>${server.base}/full/${id}</link><guid>${id}</guid>
<pubDate>Sat, 08 Jan 2022 07:00:00 GMT</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[${longParagraphs(place)
  .map((p) => `<p>${p}</p>`)
  .join("")}]]></content:encoded></item>`;
const linkItem = (path: string, title: string) =>
  `<item><title>${title}</title><link>${server.base}${path}</link><guid>${path}</guid><pubDate>Sat, 08 Jan 2022 08:00:00 GMT</pubDate><description>Read more.</description></item>`;

describe("refreshSources on feeds", () => {
  it("stores full-content items from the feed and fetches the pages of link-only items from the same server", async () => {
    server.routes.set(
      "/feed.xml",
      conditional("application/rss+xml", () =>
        rss([
          fullItem("a1", "Curfew extended in Almaty", "Almaty"),
          fullItem("a2", "Shymkent calm after clashes", "Shymkent"),
          linkItem("/story/airport", "Airport reopens"),
          linkItem("/story/fuel", "Fuel price capped"),
        ]),
      ),
    );
    server.routes.set(
      "/story/airport",
      conditional("text/html", () =>
        articlePage("Almaty airport to reopen on Monday", [
          "The operator of Almaty airport said flights would resume on Monday after the building was cleared by troops.",
          "Several foreign airlines said they would wait for further guidance.",
        ]),
      ),
    );
    server.routes.set(
      "/story/fuel",
      conditional("text/html", () =>
        articlePage("Government caps fuel price for six months", [
          "The government said the price of liquefied gas would be capped at 50 tenge per litre for six months.",
          "The cap applies in all regions, officials said.",
        ]),
      ),
    );
    const stories = [story({ feeds: [`${server.base}/feed.xml`] })];

    const first = await refreshSources(store, stories, capturedLogger().logger, fast);
    expect(first.sources[0]).toMatchObject({ status: "read", kind: "feed", itemFailures: [] });
    expect((await store.articles("kazakhstan")).map((a) => a.title).sort()).toEqual([
      "Almaty airport to reopen on Monday",
      "Curfew extended in Almaty",
      "Government caps fuel price for six months",
      "Shymkent calm after clashes",
    ]);
    expect(server.hits("/full/a1")).toBe(0);
    expect(server.hits("/story/airport")).toBe(1);

    // A new item makes the feed change; the pages already stored are not fetched again.
    server.routes.set(
      "/feed.xml",
      conditional("application/rss+xml", () =>
        rss([
          linkItem("/story/talks", "Talks with protesters"),
          fullItem("a1", "Curfew extended in Almaty", "Almaty"),
          linkItem("/story/airport", "Airport reopens"),
          linkItem("/story/fuel", "Fuel price capped"),
        ]),
      ),
    );
    server.routes.set(
      "/story/talks",
      conditional("text/html", () =>
        articlePage("Regional governor meets protesters", [
          "The governor of Mangystau met protesters in Zhanaozen on Saturday and promised to pass their demands to the government.",
        ]),
      ),
    );
    const second = await refreshSources(store, stories, capturedLogger().logger, fast);
    expect(second.sources[0]?.reports.filter((r) => r.status === "added").map((r) => r.title)).toEqual(["Regional governor meets protesters"]);
    expect(server.hits("/story/airport")).toBe(1);
    expect(server.hits("/story/talks")).toBe(1);
  });

  it("retries a link-only item that failed, because the feed's validators are not saved until every item is stored", async () => {
    let pageUp = false;
    server.routes.set(
      "/feed.xml",
      conditional("application/rss+xml", () => rss([fullItem("a1", "Curfew extended in Almaty", "Almaty"), linkItem("/story/late", "Late report")])),
    );
    server.routes.set("/story/late", (_req, res) => {
      if (!pageUp) return res.writeHead(404, { "content-type": "text/plain" }).end("gone");
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(articlePage("Troops leave Almaty", ["Foreign troops began to leave Almaty on Thursday, the defence ministry said."]));
    });
    const stories = [story({ feeds: [`${server.base}/feed.xml`] })];
    const { logger, logs } = capturedLogger();

    const first = await refreshSources(store, stories, logger, fast);
    expect(first.sources[0]?.status).toBe("read");
    expect(first.sources[0]?.itemFailures).toEqual([{ url: `${server.base}/story/late`, reason: expect.stringContaining("HTTP 404") }]);
    expect(logs.some((l) => l.msg === "feed item could not be read")).toBe(true);

    pageUp = true;
    const second = await refreshSources(store, stories, logger, fast);
    expect(second.sources[0]?.status).toBe("read");
    expect((await store.articles("kazakhstan")).map((a) => a.title)).toContain("Troops leave Almaty");
  });
});

describe("refreshSources with bad sources", () => {
  it("records a malformed feed, a 10 MB page, a slow server and a redirect loop as failures while a windows-1251 page and a good page are stored", async () => {
    server.routes.set("/broken.xml", (_req, res) =>
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Half`),
    );
    server.routes.set("/huge", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = `<p>${"filler text ".repeat(8_000)}</p>`;
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("error", () => undefined);
      pump();
    });
    server.routes.set("/slow", (_req, res) => {
      const timer = setTimeout(() => res.writeHead(200, { "content-type": "text/html" }).end(livePage([killed26])), 3_000);
      res.on("close", () => clearTimeout(timer));
    });
    server.routes.set("/loop/a", (_req, res) => res.writeHead(302, { location: "/loop/b" }).end());
    server.routes.set("/loop/b", (_req, res) => res.writeHead(301, { location: "/loop/a" }).end());
    const russian = `<!DOCTYPE html><html lang="ru"><head><meta charset="windows-1251"><title>Алматы: ночь без выстрелов</title></head>
<body><article><h1>Алматы: ночь без выстрелов</h1><p>Жители Алматы сообщили, что ночью в центре города было тихо.</p><p>Комендантский час по-прежнему действует.</p></article></body></html>`;
    server.routes.set("/ru", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(windows1251(russian)));
    server.routes.set(
      "/good",
      conditional("text/html", () => livePage([detained("2,000"), killed26])),
    );

    const urls = { feed: `${server.base}/broken.xml`, huge: `${server.base}/huge`, slow: `${server.base}/slow`, loop: `${server.base}/loop/a` };
    const stories = [story({ pages: [urls.huge, urls.slow, urls.loop, `${server.base}/ru`, `${server.base}/good`], feeds: [urls.feed] })];
    const { logger, logs } = capturedLogger();
    const report = await refreshSources(store, stories, logger, fast);

    const byUrl = new Map(report.sources.map((s) => [s.url.replace(server.base, ""), s]));
    expect(byUrl.get("/broken.xml")).toMatchObject({ status: "failed", reason: expect.stringMatching(/malformed feed/) });
    expect(byUrl.get("/huge")).toMatchObject({ status: "failed", reason: expect.stringMatching(/exceeds the limit of 5242880/) });
    expect(byUrl.get("/slow")).toMatchObject({ status: "failed", reason: expect.stringMatching(/timed out after 400 ms/) });
    expect(byUrl.get("/loop/a")).toMatchObject({ status: "failed", reason: expect.stringMatching(/redirect loop/) });
    expect(byUrl.get("/ru")).toMatchObject({ status: "read", reason: null });
    expect(byUrl.get("/good")?.status).toBe("read");
    expect((await store.articles("kazakhstan")).map((a) => a.title).sort()).toEqual(["Kazakhstan crisis: live updates", "Алматы: ночь без выстрелов"]);
    const found = await store.searchSentences("kazakhstan", { terms: termsOfText("Комендантский"), actorIds: [], limit: 10 });
    expect(found.map((s) => s.text)).toContain("Комендантский час по-прежнему действует.");

    for (const url of Object.values(urls)) {
      expect(await store.source("kazakhstan", url)).toMatchObject({ failures: 1, failing: false, etag: null, lastSuccessAt: null });
    }
    expect(logs.filter((l) => l.msg === "source could not be read").map((l) => l.url)).toHaveLength(4);
  });

  it("marks a source failing after three failed refreshes, backs it off, names it for /help, and clears it when it answers again", async () => {
    let up = false;
    server.routes.set("/moved", (_req, res) => {
      if (!up) return res.writeHead(410, { "content-type": "text/plain" }).end("gone");
      res.writeHead(200, { "content-type": "text/html" }).end(livePage([killed26, detained("2,000")]));
    });
    server.routes.set(
      "/good",
      conditional("text/html", () => livePage([detained("2,000"), killed26])),
    );
    const url = `${server.base}/moved`;
    const stories = [story({ pages: [url, `${server.base}/good`] })];
    const { logger, logs } = capturedLogger();
    let clock = Date.parse("2022-01-08T10:00:00Z");
    const options = { ...fast, now: () => new Date(clock) };

    for (let run = 1; run <= 3; run++) {
      await refreshSources(store, stories, logger, options);
      expect((await store.source("kazakhstan", url))?.failing).toBe(run === 3);
      clock += 60_000;
    }
    expect(logs.filter((l) => l.msg === "source is failing")).toMatchObject([{ url, failures: 3, reason: expect.stringContaining("HTTP 410") }]);
    expect((await failingSources(store, stories)).get("kazakhstan")).toEqual([
      expect.stringMatching(new RegExp(`^${url}: 3 failed reads in a row, last: HTTP 410`)),
    ]);

    const hitsBefore = server.hits("/moved");
    const backedOff = await refreshSources(store, stories, logger, options);
    expect(backedOff.sources.find((s) => s.url === url)?.status).toBe("waiting");
    expect(server.hits("/moved")).toBe(hitsBefore);
    expect(server.hits("/good")).toBe(4);

    up = true;
    clock += 10 * 60_000;
    const back = await refreshSources(store, stories, logger, options);
    expect(back.sources.find((s) => s.url === url)?.status).toBe("read");
    expect(await store.source("kazakhstan", url)).toMatchObject({ failing: false, failures: 0, lastError: null });
    expect((await failingSources(store, stories)).size).toBe(0);
  });

  it("at start-up reads only the sources it has never read", async () => {
    server.routes.set(
      "/a",
      conditional("text/html", () => livePage([killed26, detained("2,000")])),
    );
    server.routes.set(
      "/b",
      conditional("text/html", () =>
        articlePage("Almaty airport to reopen on Monday", ["The operator of Almaty airport said flights would resume on Monday."]),
      ),
    );
    const { logger } = capturedLogger();
    await refreshSources(store, [story({ pages: [`${server.base}/a`] })], logger, fast);
    server.requests.length = 0;

    const start = await refreshSources(store, [story({ pages: [`${server.base}/a`, `${server.base}/b`] })], logger, { ...fast, onlyUnread: true });
    expect(start.sources.map((s) => s.status)).toEqual(["waiting", "read"]);
    expect(server.requests.map((r) => r.path)).toEqual(["/b"]);
  });
});

describe("refreshSources within its deadline and item cap", () => {
  let hanging: LocalServer;
  let answering = false;
  beforeAll(async () => {
    // A host that accepts connections and, until a test says so, never answers.
    hanging = await startLocalServer();
  });
  afterAll(() => hanging.close());
  beforeEach(() => {
    answering = false;
    hanging.routes.clear();
    hanging.requests.length = 0;
  });
  const hangUntilAnswering = (title: string) => (_req: IncomingMessage, res: ServerResponse) => {
    if (answering) res.writeHead(200, { "content-type": "text/html" }).end(articlePage(title, longParagraphs("Almaty")));
  };
  const linkTo = (url: string, title: string) =>
    `<item><title>${title}</title><link>${url}</link><guid>${url}</guid><pubDate>Sat, 08 Jan 2022 08:00:00 GMT</pubDate><description>Read more.</description></item>`;
  // The production timeouts (20 s a request, two tries): only the deadline can end the run early.
  const production: SourceRefreshOptions = { fetch: { allowInternal: () => true } };

  it("stores what is ready when the deadline comes and reads the items it cut on the next run", async () => {
    const titles = ["Airport reopens", "Fuel price capped", "Talks with protesters"];
    for (const [i, title] of titles.entries()) hanging.routes.set(`/story/${i}`, hangUntilAnswering(title));
    server.routes.set(
      "/feed.xml",
      conditional("application/rss+xml", () =>
        rss([fullItem("a1", "Curfew extended in Almaty", "Almaty"), ...titles.map((t, i) => linkTo(`${hanging.base}/story/${i}`, t))]),
      ),
    );
    const stories = [story({ feeds: [`${server.base}/feed.xml`] })];
    const { logger, logs } = capturedLogger();

    const started = performance.now();
    const first = await refreshSources(store, stories, logger, { ...production, deadlineMs: 300 });
    const elapsedMs = performance.now() - started;
    expect(first.sources[0]).toMatchObject({ status: "read", itemFailures: [], deferredItems: titles.map((_t, i) => `${hanging.base}/story/${i}`) });
    expect((await store.articles("kazakhstan")).map((a) => a.title)).toEqual(["Curfew extended in Almaty"]);
    expect(recordedUpdates("kazakhstan")).toHaveLength(1);
    expect(logs.find((l) => l.msg === "refresh left sources or feed items for the next run")).toMatchObject({
      reason: "refresh deadline of 0.3 s reached",
      items: first.sources[0]?.deferredItems,
    });
    // One request (to the first item) was under way; the queued two were never sent.
    expect(hanging.requests.map((r) => r.path)).toEqual(["/story/0"]);
    // Far below one request's own 20 s timeout, let alone three items' two tries each.
    expect(elapsedMs).toBeLessThan(10_000);

    answering = true;
    const second = await refreshSources(store, stories, logger, { ...production, deadlineMs: 5_000 });
    expect(second.sources[0]).toMatchObject({ status: "read", deferredItems: [] });
    expect((await store.articles("kazakhstan")).map((a) => a.title).sort()).toEqual(["Curfew extended in Almaty", ...titles].sort());
  });

  it("leaves a source the deadline cut off unread and not failing", async () => {
    hanging.routes.set("/live", hangUntilAnswering("Live: unrest in Almaty"));
    const url = `${hanging.base}/live`;
    const report = await refreshSources(store, [story({ pages: [url] })], capturedLogger().logger, { ...production, deadlineMs: 200 });
    expect(report.sources[0]).toMatchObject({ status: "deferred", reason: "refresh deadline of 0.2 s reached" });
    expect((await store.source("kazakhstan", url))?.failures ?? 0).toBe(0);
  });

  it("fetches at most the cap of linked pages per feed and run, newest first, and the rest on later runs", async () => {
    const paths = ["/story/e", "/story/d", "/story/c", "/story/b", "/story/a"];
    for (const path of paths)
      server.routes.set(
        path,
        conditional("text/html", () => articlePage(`Report ${path.slice(-1)}`, longParagraphs("Almaty"))),
      );
    server.routes.set(
      "/feed.xml",
      conditional("application/rss+xml", () => rss(paths.map((p) => linkItem(p, `Report ${p.slice(-1)}`)))),
    );
    const stories = [story({ feeds: [`${server.base}/feed.xml`] })];
    const capped = { ...fast, maxItemsPerSource: 2 };

    const runs = [];
    for (let i = 0; i < 3; i++) {
      const report = await refreshSources(store, stories, capturedLogger().logger, capped);
      runs.push(report.sources[0]?.reports.map((r) => r.title));
    }
    expect(runs).toEqual([["Report e", "Report d"], ["Report c", "Report b"], ["Report a"]]);
    // Every item read: the feed's validators are kept now, and the next run is a 304.
    const fourth = await refreshSources(store, stories, capturedLogger().logger, capped);
    expect(fourth.sources[0]?.status).toBe("not-modified");
  });
});

describe("refreshSources after an upgrade of the extraction", () => {
  it("fetches a page in full, though its ETag still holds, reads it again and posts nothing of it", async () => {
    server.routes.set(
      "/live",
      conditional("text/html", () => livePage([detained("2,000"), killed26])),
    );
    const stories = [story({ pages: [`${server.base}/live`] })];
    const older = await openStore(path, { extractionVersion: EXTRACTION_VERSION - 1 });
    try {
      expect((await refreshSources(older, stories, capturedLogger().logger, fast)).sources[0]?.reports[0]?.status).toBe("added");
      expect((await refreshSources(older, stories, capturedLogger().logger, fast)).sources[0]?.status).toBe("not-modified");
    } finally {
      await older.close();
    }
    expect(server.requests.map((r) => r.ifNoneMatch === null)).toEqual([true, false]);

    const upgraded = await refreshSources(store, stories, capturedLogger().logger, fast);
    expect(server.requests[2]?.ifNoneMatch).toBeNull();
    expect(upgraded.sources[0]?.reports.map((r) => [r.status, r.update])).toEqual([["reextracted", null]]);
    expect(upgraded.updates).toBe(0);
    expect(recordedUpdates("kazakhstan")).toHaveLength(1);
    // Read by this version now: asked with its ETag again.
    expect((await refreshSources(store, stories, capturedLogger().logger, fast)).sources[0]?.status).toBe("not-modified");
  });

  it("fetches a feed's stored linked pages again, within the cap of each run, then asks for the feed with its validators", async () => {
    const paths = ["/story/c", "/story/b", "/story/a"];
    for (const path of paths)
      server.routes.set(
        path,
        conditional("text/html", () => articlePage(`Report ${path.slice(-1)}`, longParagraphs("Almaty"))),
      );
    server.routes.set(
      "/feed.xml",
      conditional("application/rss+xml", () => rss(paths.map((p) => linkItem(p, `Report ${p.slice(-1)}`)))),
    );
    const stories = [story({ feeds: [`${server.base}/feed.xml`] })];
    const capped = { ...fast, maxItemsPerSource: 2 };
    const older = await openStore(path, { extractionVersion: EXTRACTION_VERSION - 1 });
    try {
      for (let i = 0; i < 2; i++) await refreshSources(older, stories, capturedLogger().logger, capped);
      expect((await refreshSources(older, stories, capturedLogger().logger, capped)).sources[0]?.status).toBe("not-modified");
    } finally {
      await older.close();
    }
    expect(recordedUpdates("kazakhstan")).toHaveLength(3);

    const runs = [];
    for (let i = 0; i < 2; i++) {
      const report = await refreshSources(store, stories, capturedLogger().logger, capped);
      runs.push(report.sources[0]?.reports.map((r) => `${r.title}: ${r.status}`));
    }
    expect(runs).toEqual([["Report c: reextracted", "Report b: reextracted"], ["Report a: reextracted"]]);
    expect(recordedUpdates("kazakhstan")).toHaveLength(3);
    expect((await refreshSources(store, stories, capturedLogger().logger, capped)).sources[0]?.status).toBe("not-modified");
  });
});
