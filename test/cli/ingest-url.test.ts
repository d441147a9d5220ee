import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { conditional, startLocalServer, type LocalServer } from "../sources/local-server.js";
import { articlePage, liveEntry, livePage } from "../sources/pages.js";
import { runCliAsync } from "./run-cli.js";
import { processRuns } from "../support/process-runs.js";

let server: LocalServer;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.routes.clear();
  dir = mkdtempSync(join(tmpdir(), "briefing-cli-url-"));
  // The test server is on loopback: only FETCH_ALLOW_PRIVATE=1 lets the CLI fetch from it.
  env = { DATABASE_URL: `file:${join(dir, "briefing.db")}`, FETCH_ALLOW_PRIVATE: "1" };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const live = livePage([
  liveEntry("2022-01-07T10:05:00+06:00", "<p>The interior ministry said 2,000 people had been detained across the country since Wednesday.</p>"),
  liveEntry("2022-01-07T08:30:00+06:00", "<p>Officials in Nur-Sultan said on Friday that 26 people had been killed in clashes with police in Almaty.</p>"),
]);

function feedOf(paths: readonly string[]): string {
  const items = paths.map(
    (p, i) =>
      `<entry><title>Report ${i}</title><id>urn:report:${i}</id><link href="${server.base}${p}"/><updated>2022-01-08T0${i % 10}:00:00Z</updated><summary>Teaser.</summary></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2022-01-08T10:00:00Z</updated>${items.join("")}</feed>`;
}

describe("cli ingest with URLs", { timeout: processRuns(1) }, () => {
  it("stores a live page by URL next to a file, and says which was which", async () => {
    server.routes.set(
      "/live",
      conditional("text/html; charset=utf-8", () => live),
    );
    const run = await runCliAsync(["ingest", `${server.base}/live`, "data/articles/000_3d272934acddc640.txt"], env);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^added +${server.base}/live: Kazakhstan crisis: live updates \\(new: 2 figures`, "m"));
    expect(run.stdout).toMatch(/^2 added, 0 updated, 0 unchanged in story "kazakhstan"$/m);
    const store = await openStore(join(dir, "briefing.db"));
    const reports = (await store.figureSeries("kazakhstan", 1000)).flatMap((s) => [s.latest, ...s.earlier]);
    expect(reports.map((f) => f.count)).toEqual(expect.arrayContaining([2000, 26]));
    await store.close();
  });

  it("reads a feed's linked pages with a progress bar on stderr only, keeping stdout clean", async () => {
    const paths = Array.from({ length: 12 }, (_, i) => `/report/${i}`);
    server.routes.set(
      "/wire.atom",
      conditional("application/atom+xml", () => feedOf(paths)),
    );
    paths.forEach((path, i) =>
      server.routes.set(
        path,
        conditional("text/html", () =>
          articlePage(`Report number ${i} from Almaty`, [`Police in Almaty said ${i + 3} checkpoints had been set up on roads into the city on Saturday.`]),
        ),
      ),
    );
    const run = await runCliAsync(["ingest", `${server.base}/wire.atom`, "--progress"], env);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("\r");
    expect(run.stdout).toMatch(/^12 added, 0 updated, 0 unchanged/m);
    expect(run.stderr).toContain("fetching [");
    expect(run.stderr).toMatch(/storing \[#{30}\] 12\/12\n$/);
  });

  it("dates a page that states no time by when it was fetched, and says so", async () => {
    const undated = `<!doctype html><html><head><title>Checkpoints in Almaty</title></head><body><article><h1>Checkpoints in Almaty</h1>
      <p>Police in Almaty said five checkpoints had been set up on roads into the city, and that the curfew would stay in force.</p></article></body></html>`;
    server.routes.set(
      "/undated",
      conditional("text/html", () => undated),
    );
    const before = Date.now();
    const run = await runCliAsync(["ingest", `${server.base}/undated`], env);
    expect(run.status).toBe(0);
    const note = new RegExp(`^note ${server.base}/undated: as of (\\S+), when it was fetched: the page states no time$`, "m").exec(run.stderr);
    expect(Date.parse(note?.[1] ?? "")).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });

  it("stores nothing when one URL fails, naming it with the reason, and exits 2", async () => {
    server.routes.set(
      "/live",
      conditional("text/html", () => live),
    );
    server.routes.set("/loop", (_req, res) => res.writeHead(302, { location: "/loop" }).end());
    const good = join(dir, "good.txt");
    writeFileSync(good, "Curfew in Almaty\n\nSecurity forces said the curfew in Almaty would stay in force on Sunday.\n");
    const run = await runCliAsync(["ingest", `${server.base}/live`, `${server.base}/loop`, `${server.base}/missing`, good], env);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`rejected ${server.base}/loop: redirect loop`);
    expect(run.stderr).toContain(`rejected ${server.base}/missing: HTTP 404`);
    expect(run.stderr.trim().split("\n").at(-1)).toBe("nothing was stored");
    const store = await openStore(join(dir, "briefing.db"));
    expect(await store.articles("kazakhstan")).toEqual([]);
    await store.close();
  });

  it("refuses a loopback URL unless FETCH_ALLOW_PRIVATE=1, contacting nothing and storing nothing", async () => {
    server.routes.set(
      "/live",
      conditional("text/html", () => live),
    );
    const before = server.hits("/live");
    const run = await runCliAsync(["ingest", `${server.base}/live`], { ...env, FETCH_ALLOW_PRIVATE: "" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`rejected ${server.base}/live: refused to fetch from an internal address: 127.0.0.1, a loopback address`);
    expect(run.stderr).toContain("FETCH_ALLOW_PRIVATE=1 allows it");
    expect(server.hits("/live")).toBe(before);
  });
});
