import { expect, it } from "vitest";
import type { SourceRow } from "../../src/store/index.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";

const row = (url: string, changes: Partial<SourceRow> = {}): SourceRow => ({
  story: "kazakhstan",
  url,
  kind: "page",
  etag: null,
  lastModified: null,
  failures: 0,
  lastError: null,
  nextAttemptAt: null,
  failing: false,
  lastSuccessAt: null,
  ...changes,
});

forEachBackend((backend) => {
  const t = storeForEachTest(backend);

  it("keeps each source's validators and failures, replacing them on every save", async () => {
    expect(await t.store.source("kazakhstan", "https://news.example.org/live")).toBeNull();
    await t.store.saveSource(row("https://news.example.org/live", { etag: '"v1"', lastSuccessAt: "2022-01-08T10:00:00.000Z" }));
    await t.store.saveSource(row("https://wire.example.net/feed", { kind: "feed", failures: 3, failing: true, lastError: "HTTP 410" }));
    await t.store.saveSource(row("https://news.example.org/live", { etag: '"v2"', lastModified: "Sat, 08 Jan 2022 10:05:00 GMT" }));
    await t.store.saveSource({ ...row("https://news.example.org/live"), story: "another-story" });

    expect(await t.store.source("kazakhstan", "https://news.example.org/live")).toEqual(
      row("https://news.example.org/live", { etag: '"v2"', lastModified: "Sat, 08 Jan 2022 10:05:00 GMT" }),
    );
    expect((await t.store.sources("kazakhstan")).map((s) => [s.url, s.kind, s.failing, s.failures])).toEqual([
      ["https://news.example.org/live", "page", false, 0],
      ["https://wire.example.net/feed", "feed", true, 3],
    ]);
    expect((await t.store.sources()).map((s) => s.story)).toEqual(["another-story", "kazakhstan", "kazakhstan"]);
  });
});
