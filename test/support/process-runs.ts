/**
 * How long one run of the bot or the CLI as a child process (node with the tsx loader) may take
 * from spawn to exit, and so what a test that runs some of them is given. On the 2-core machine
 * such a run took 3-21 s at load 10-17, nearly all of it starting node, the loader's work per
 * module and discord.js's import on a starved CPU; two runs inside vitest's 30 s failed at load
 * 16-17. A run that takes longer than this is hung, not slow, and fails.
 */
export const PROCESS_RUN_MS = 60_000;

/** A test's timeout for the child processes it runs one after another, plus its own work. */
export const processRuns = (runs: number) => runs * PROCESS_RUN_MS + 10_000;
