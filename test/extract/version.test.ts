import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createAnalyser, extractArticle } from "../../src/extract/index.js";
import { EXTRACTION_DIGEST, EXTRACTION_VERSION } from "../../src/extract/version.js";
import { ArticleInputError } from "../../src/ingest/errors.js";
import { isArticleFile, loadArticles } from "../../src/ingest/load.js";
import { KAZAKHSTAN } from "./analysed.js";

// The project's own articles, copied so that every file has the same modification time on every
// checkout (an article that states no time of its own is dated by it).
const FIXTURES = ["test/fixtures", "data/articles"];
const dir = mkdtempSync(join(tmpdir(), "extraction-version-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MODIFIED = new Date("2022-01-08T12:00:00Z");

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return isArticleFile(path) ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** What reading and extraction make of every fixture: each file's articles (less where it lay) and their facts, or its rejection. */
function readingOfFixtures(): string {
  const analyser = createAnalyser(KAZAKHSTAN);
  const readings = FIXTURES.flatMap((fixtures) => {
    const copy = join(dir, fixtures);
    cpSync(fixtures, copy, { recursive: true });
    for (const file of filesUnder(copy)) utimesSync(file, MODIFIED, MODIFIED);
    return filesUnder(copy).map((file) => {
      const name = relative(dir, file);
      try {
        return {
          name,
          articles: loadArticles(file).map((article) => {
            const { rawInput: _, origin: __, ...read } = article;
            return { article: read, facts: extractArticle(article, analyser) };
          }),
        };
      } catch (error) {
        if (error instanceof ArticleInputError) return { name, rejected: error.reason };
        throw error;
      }
    });
  });
  return JSON.stringify(readings);
}

it(`records the digest of what extraction version ${EXTRACTION_VERSION} makes of the project's own articles`, () => {
  // "Today" in an article is dated in the process's time zone: the digest is taken in one zone.
  const zone = process.env.TZ;
  process.env.TZ = "UTC";
  let reading: string;
  try {
    reading = readingOfFixtures();
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
  expect(reading.length).toBeGreaterThan(100_000);
  const digest = createHash("sha256").update(reading).digest("hex");
  expect(
    digest,
    `extraction output changed: bump EXTRACTION_VERSION and record the new digest (EXTRACTION_DIGEST = "${digest}") in src/extract/version.ts`,
  ).toBe(EXTRACTION_DIGEST);
});
