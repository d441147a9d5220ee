#!/usr/bin/env node
// Builds dist/ from the TypeScript sources: `npm run build` and npm ci's `prepare` always do,
// `npm start` only when dist/ is missing or older than the sources (--if-stale). Plain JavaScript,
// because it runs before there is any compiled code. The folder built is the working directory.
//
// Why --if-stale compares times instead of trusting that dist/ exists: after `git pull` without
// `npm ci`, an existing dist/ held last week's code, which then ran against this week's migrations
// and data files and failed in ways that named neither (a missing SQL function at start).
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";

/** What the build reads: a change to any of them (or a file added or removed) makes dist/ stale. */
const INPUTS = ["src", "commands", "tsconfig.json", "tsconfig.build.json"];
/** What the build says goes to stderr: npm start's stdout is the bot's. */
const say = (text) => process.stderr.write(`${text}\n`);

/** Written last, only by a build that succeeded: its time is the build's. */
const STAMP = join("dist", ".built");

/** The newest of `path` and everything under it, as [mtime in ms, path]; a directory's own time changes when an entry is added or removed. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return [0, path];
  let found = [stat.mtimeMs, path];
  if (stat.isDirectory())
    for (const entry of readdirSync(path)) {
      const inner = newest(join(path, entry));
      if (inner[0] > found[0]) found = inner;
    }
  return found;
}

/** Why `root`'s dist/ must be built again, or null when it is at least as new as every input. */
export function staleBecause(root) {
  const stamp = statSync(join(root, STAMP), { throwIfNoEntry: false });
  if (!stamp) return "dist/ has not been built";
  for (const input of INPUTS) {
    const [time, path] = newest(join(root, input));
    if (time > stamp.mtimeMs) return `${relative(root, path)} changed since dist/ was built`;
  }
  return null;
}

/** A clean build of `root` (dist/ removed first, so a deleted source leaves no module behind); returns tsc's exit status. */
export function build(root) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    say("dist/ needs building, but TypeScript is not installed: run npm ci (without --omit=dev) first.");
    return 1;
  }
  rmSync(join(root, "dist"), { recursive: true, force: true });
  const { status } = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  if (status !== 0) {
    say("The build failed (the errors are above): fix them, or run the sources directly with npm run dev.");
    return status ?? 1;
  }
  writeFileSync(join(root, STAMP), "");
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.cwd();
  if (process.argv.includes("--if-stale")) {
    const why = staleBecause(root);
    if (why) {
      say(`Building dist/ first (${why}); this takes a few seconds…`);
      process.exitCode = build(root);
    }
  } else {
    process.exitCode = build(root);
  }
}
