import { spawnSync } from "node:child_process";

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
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
