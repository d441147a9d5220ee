import { existsSync } from "node:fs";

/**
 * Reads `.env` from the working directory when there is one, as the README's set-up describes.
 * Variables already in the environment win, so a deployment's own settings are never overridden.
 */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
