import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { processRuns } from "../support/process-runs.js";

const SCRIPT = join(process.cwd(), "scripts/build.mjs");

/** `npm start`'s first step, as its script runs it, in a small project of the same layout. */
const ifStale = (root: string) => spawnSync(process.execPath, [SCRIPT, "--if-stale"], { cwd: root, encoding: "utf8" });

/** A time clearly after the last build, so the test does not hang on the file system's clock resolution. */
function touchLater(path: string, seconds: number) {
  const later = new Date(Date.now() + seconds * 1000);
  utimesSync(path, later, later);
}

describe("npm start builds dist/ when the sources are newer than it (after a git pull without npm ci)", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "start-build-"));
    mkdirSync(join(root, "src"));
    mkdirSync(join(root, "commands"));
    writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", target: "ES2022", strict: true } }));
    writeFileSync(
      join(root, "tsconfig.build.json"),
      JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { outDir: "dist", rootDir: "." }, include: ["src", "commands"] }),
    );
    writeFileSync(join(root, "src/main.ts"), "export const version: number = 1;\n");
    writeFileSync(join(root, "src/old.ts"), "export const old = true;\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("builds once, then starts without building until a source changes or goes", { timeout: processRuns(4) }, () => {
    const first = ifStale(root);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/Building dist\/ first \(dist\/ has not been built\)/);
    expect(readFileSync(join(root, "dist/src/main.js"), "utf8")).toContain("version = 1");

    const again = ifStale(root);
    expect(again.status).toBe(0);
    expect(again.stderr).toBe("");

    // A pulled change: git writes the file with the time of the checkout.
    writeFileSync(join(root, "src/main.ts"), "export const version: number = 2;\n");
    touchLater(join(root, "src/main.ts"), 5);
    const changed = ifStale(root);
    expect(changed.stderr).toMatch(/src\/main\.ts changed since dist\/ was built/);
    expect(readFileSync(join(root, "dist/src/main.js"), "utf8")).toContain("version = 2");

    // A removed module leaves no compiled copy behind to be loaded by mistake.
    unlinkSync(join(root, "src/old.ts"));
    touchLater(join(root, "src"), 10);
    const removed = ifStale(root);
    expect(removed.stderr).toMatch(/src changed since dist\/ was built/);
    expect(existsSync(join(root, "dist/src/old.js"))).toBe(false);
    expect(existsSync(join(root, "dist/src/main.js"))).toBe(true);
  });

  it("refuses to start stale code when the build fails, and says why", { timeout: processRuns(2) }, () => {
    expect(ifStale(root).status).toBe(0);
    writeFileSync(join(root, "src/main.ts"), "export const version: number = 'two';\n");
    touchLater(join(root, "src/main.ts"), 5);
    const failed = ifStale(root);
    expect(failed.status).not.toBe(0);
    expect(failed.stdout + failed.stderr).toMatch(/TS2322/);
    expect(failed.stderr).toMatch(/The build failed .*npm run dev/);
    // No stamp from a failed build: the next start tries again instead of running what tsc left.
    expect(ifStale(root).stderr).toMatch(/dist\/ has not been built/);
  });
});
