import { spawn, spawnSync } from "node:child_process";
import { PROCESS_RUN_MS } from "../support/process-runs.js";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/cli.ts` as `npm run -s cli --` would, in a child process with its own environment. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    timeout: PROCESS_RUN_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** As `runCli`, without blocking this process: for a CLI talking to a server the test itself runs. */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: PROCESS_RUN_MS,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}
