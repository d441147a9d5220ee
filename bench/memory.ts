import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BOT_AIM_MB = 120;
const TREE_AIM_MB = 160;
/** The bot counts as idle once its CPU time has not moved for this long (its start, first scheduled run and worker are over). */
const QUIET_MS = 3000;
const MAX_WAIT_MS = 120_000;

interface Process {
  pid: number;
  command: string;
  rssKb: number;
}

/** /proc's view of a process: its RSS, the command it runs and its children (Linux only, as this machine). */
function processInfo(pid: number): (Process & { children: number[]; cpuTicks: number }) | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // utime and stime, the 14th and 15th fields, counted after the command's closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
    return {
      pid,
      command,
      rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
      children,
      cpuTicks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null;
  }
}

function processTree(pid: number): Array<Process & { cpuTicks: number }> {
  const info = processInfo(pid);
  return info ? [info, ...info.children.flatMap(processTree)] : [];
}

/** Waits for `text` on the child's output; the bot's prompt says it has started. */
function waitForOutput(child: ChildProcessWithoutNullStreams, text: string): Promise<void> {
  let seen = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" from npm start within ${MAX_WAIT_MS} ms; it printed:\n${seen}`)), MAX_WAIT_MS);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}) before its prompt:\n${seen}`)));
  });
}

/** Until the tree's CPU time stands still for QUIET_MS: the start-up ingest, the first scheduled run and its worker thread are done. */
async function waitUntilIdle(pid: number): Promise<void> {
  const deadline = performance.now() + MAX_WAIT_MS;
  let last = -1;
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    const ticks = processTree(pid).reduce((sum, p) => sum + p.cpuTicks, 0);
    if (ticks !== last) {
      last = ticks;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= QUIET_MS) return;
    await sleep(250);
  }
}

const mb = (kb: number) => (kb / 1024).toFixed(0);

/**
 * `npm start` as a newcomer runs it, without a token: the bot against the local sandbox at its
 * prompt, on a store of its own. Measured once idle, on a fresh store (the first start ingests the
 * story's files) and again on that seeded store (every later start), after one command of each
 * kind that loads something on first use (/ask: the language model; /casualties: the chart modules).
 */
async function measureStart(databaseUrl: string, label: string, commands: readonly string[] = []): Promise<Process[][]> {
  // Not through the shell: the tree measured is npm's, as `npm start` typed at a prompt makes it.
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, DISCORD_TOKEN: "", LOG_LEVEL: "warn", NODE_OPTIONS: "" },
    stdio: "pipe",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error("npm start did not start");
  const snapshots: Process[][] = [];
  try {
    await waitForOutput(child, "> ");
    await waitUntilIdle(pid);
    snapshots.push(processTree(pid));
    for (const command of commands) {
      child.stdin.write(`${command}\n`);
      await waitUntilIdle(pid);
      snapshots.push(processTree(pid));
    }
    child.stdin.write("exit\n");
    await Promise.race([exited, sleep(30_000)]);
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
  }
  const rows = snapshots.map((tree, i) => {
    const bot = tree.find((p) => p.command.includes("dist/src/main.js"));
    const total = tree.reduce((sum, p) => sum + p.rssKb, 0);
    const when = i === 0 ? "idle" : `idle after ${commands[i - 1] ?? ""}`;
    return `  ${label}, ${when}: bot ${bot ? mb(bot.rssKb) : "?"} MB, tree ${mb(total)} MB in ${tree.length} processes (${tree.map((p) => `${p.command.split(" ")[0]?.split("/").pop()} ${mb(p.rssKb)}`).join(", ")})`;
  });
  console.log(rows.join("\n"));
  return snapshots;
}

/** `npm run bench -- memory`: RSS of `npm start`'s bot and whole process tree once idle, against issue 12's aims. */
export async function benchMemory(): Promise<void> {
  // What `npm start` runs is the build: make it match the source measured (npm start would too, inside the wait for its prompt).
  const built = spawnSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0) throw new Error("the build failed; nothing measured");
  const dir = mkdtempSync(join(tmpdir(), "bench-memory-"));
  try {
    const url = `file:${join(dir, "bench.db")}`;
    console.log(`npm start memory (RSS; aim: bot ≤ ${BOT_AIM_MB} MB, tree ≤ ${TREE_AIM_MB} MB)`);
    await measureStart(url, "first start, fresh store");
    await measureStart(url, "later start, seeded store", ["/kazakhstan casualties", "/kazakhstan ask question:Who ordered security forces to shoot?"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
