// Run as a child process by process-errors.test.ts: a rejection nobody awaits, then, once it has been
// reported (Node reports it after the microtasks, at a moment that varies with load), an exception nobody catches.
import { createLogger } from "../../src/logger.js";
import { handleProcessErrors } from "../../src/ops/process-errors.js";

handleProcessErrors(createLogger("info"));
process.once("unhandledRejection", () =>
  setImmediate(() => {
    process.stdout.write("still running after the rejection\n");
    throw new Error("an exception nobody caught");
  }),
);
void Promise.reject(new Error("a rejection nobody awaited"));
