import { pino, type Logger } from "pino";

/**
 * The one logger. Tokens can reach log objects through errors and REST options, so every path that
 * could hold one is redacted.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          "token",
          "*.token",
          "DISCORD_TOKEN",
          "*.DISCORD_TOKEN",
          "config.DISCORD_TOKEN",
          "headers.authorization",
          "*.headers.authorization",
          "req.headers.authorization",
        ],
        censor: "[redacted]",
      },
    },
    destination ?? pino.destination(2),
  );
}

export type { Logger };
