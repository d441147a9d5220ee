// Run as a child process by process-errors.test.ts: a rejection nobody awaits, then an exception nobody catches.
import { createLogger } from "../../src/logger.js";
import { handleProcessErrors } from "../../src/ops/process-errors.js";

handleProcessErrors(createLogger("info"));
void Promise.reject(new Error("a rejection nobody awaited"));
setImmediate(() => {
  process.stdout.write("still running after the rejection\n");
  throw new Error("an exception nobody caught");
});
