import { pino, type Logger } from "pino";

/** Shorter than this, a "secret" would blank out ordinary words of every line. */
const MIN_SECRET_LENGTH = 8;
const REDACTED = "[redacted]";

/**
 * Blanks every occurrence of the secrets in a serialised log line: an upstream error body or a stack
 * can echo a token under any key, where redaction by path cannot see it.
 */
function redactValues(secrets: readonly string[]): (line: string) => string {
  // JSON escapes some characters, so a secret is looked for as it appears inside a JSON string too.
  const forms = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))];
  if (forms.length === 0) return (line) => line;
  return (line) => forms.reduce((text, form) => text.split(form).join(REDACTED), line);
}

/**
 * The one logger. Tokens can reach log objects through errors and REST options, so every path that
 * could hold one is redacted by key, and the secret values themselves (the bot token by default)
 * wherever else they appear in a line.
 */
export function createLogger(
  level: string = process.env.LOG_LEVEL ?? "info",
  destination?: pino.DestinationStream,
  secrets: ReadonlyArray<string | undefined> = [process.env.DISCORD_TOKEN],
): Logger {
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
        censor: REDACTED,
      },
      hooks: { streamWrite: redactValues(secrets.filter((s): s is string => typeof s === "string")) },
    },
    destination ?? pino.destination(2),
  );
}

export type { Logger };
