import type { Logger } from "../logger.js";

/**
 * What the bot process does with an error nothing else handled, the last line after the gateway's
 * own recovery (discord.js reconnects and resumes by itself and reports connection errors as
 * `shardError`, which the bot logs).
 *
 * - A promise rejection nobody awaited is logged and the bot keeps running, as the discord.js guide
 *   recommends ("Errors": a `process.on('unhandledRejection')` listener that logs): the operation
 *   that failed has already ended, and Node's default for it (throw, so exit) would drop every
 *   guild's session for one failed call. A bot left unable to serve shows as not ready on /healthz,
 *   which is what the orchestrator's liveness probe restarts.
 * - An uncaught exception is logged and the process exits with code 1 for the supervisor to
 *   restart: it unwound a stack mid-way, and Node's documentation says it is not safe to resume
 *   normal operation after one. The store is crash-safe (the crash tests kill the bot anywhere).
 *
 * Returns the uninstaller.
 */
export function handleProcessErrors(logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  const onRejection = (reason: unknown) => logger.error({ err: reason }, "unhandled promise rejection (logged; the bot keeps running)");
  const onException = (error: Error, origin: string) => {
    logger.fatal({ err: error, origin }, "uncaught exception: exiting for the supervisor to restart the bot");
    exit(1);
  };
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return () => {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  };
}
