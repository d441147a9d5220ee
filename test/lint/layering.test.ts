import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** The stages of design.md's "next shape", in data-flow order. */
const STAGES = ["sources", "ingest", "analyse", "extract", "store", "story", "briefing", "render", "discord"];

// Only the import rule runs here: without type information a lint of made-up files is quick.
const eslint = new ESLint({
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === "no-restricted-imports",
});

/** The layering findings for `code` as if it were the file at `path` in this repository. */
async function crossings(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).map((m) => m.message);
}

describe("npm run lint keeps the stages in order", () => {
  it("fails a stage importing any stage after it, and lets it import those before it", async () => {
    for (const [i, stage] of STAGES.entries()) {
      for (const [j, other] of STAGES.entries()) {
        if (i <= 1 && j <= 1 && i !== j) continue; // sources and ingest: the next test
        const found = await crossings(`src/${stage}/new-module.ts`, `import { x } from "../${other}/index.js";\nexport const y = x;\n`);
        if (j > i) expect(found, `${stage} importing ${other}`).toEqual([expect.stringContaining(`${other} comes after ${stage}`)]);
        else expect(found, `${stage} importing ${other}`).toEqual([]);
      }
    }
  });

  it("sees through deeper folders, type-only imports and re-exports", async () => {
    expect(await crossings("src/store/sqlite/x.ts", `import type { Summary } from "../../briefing/views.js";\n`)).toHaveLength(1);
    expect(await crossings("src/render/chart/x.ts", `export { storeArticles } from "../../pipeline/store-articles.js";\n`)).toHaveLength(1);
    // A stage's own subfolders are not other stages: src/store/sqlite/ is store's.
    expect(await crossings("src/store/x.ts", `import { openSqlite } from "./sqlite/index.js";\n`)).toEqual([]);
  });

  it("keeps sources and ingest apart, and lets pipeline wire them", async () => {
    expect(await crossings("src/ingest/x.ts", `import { createFetcher } from "../sources/fetch.js";\n`)).toEqual([
      expect.stringContaining("must not know each other"),
    ]);
    expect(await crossings("src/sources/x.ts", `import { parseArticleHtml } from "../ingest/html.js";\n`)).toHaveLength(1);
    const wiring = `import { createFetcher } from "../sources/fetch.js";\nimport { parseArticleHtml } from "../ingest/html.js";\nimport { openStore } from "../store/index.js";\n`;
    expect(await crossings("src/pipeline/x.ts", wiring)).toEqual([]);
    expect(await crossings("src/store/x.ts", `import { storeArticles } from "../pipeline/store-articles.js";\n`)).toHaveLength(1);
  });

  it("keeps the shared modules below every stage, and the entry points above them", async () => {
    expect(await crossings("src/ingest/x.ts", `import { httpUrl } from "../http-url.js";\nimport { decodeBody } from "../charset.js";\n`)).toEqual([]);
    expect(await crossings("src/http-url.ts", `import type { Article } from "./ingest/article.js";\n`)).toHaveLength(1);
    expect(await crossings("commands/x.ts", `import { deliverPending } from "../src/schedule/deliver.js";\n`)).toEqual([
      expect.stringContaining("schedule comes after commands"),
    ]);
    expect(await crossings("src/discord/x.ts", `import { runIngest } from "../cli/ingest.js";\nimport { main } from "../main.js";\n`)).toHaveLength(2);
    expect(await crossings("src/main.ts", `import { startScheduler } from "./schedule/scheduler.js";\nimport { runIngest } from "./cli/ingest.js";\n`)).toEqual(
      [],
    );
  });
});
