import { ConfigError } from "./config.js";
import { loadDotEnv } from "./dotenv.js";
import { ArticleInputError } from "./ingest/errors.js";
import { UsageError } from "./cli/usage-error.js";

/**
 * `npm run -s cli -- <command>`: the command-line contract other tools rely on. Exit code 0 on
 * success, 2 on bad input (reason on stderr), 1 on anything unexpected.
 */
const USAGE = `usage: npm run -s cli -- <command>
  parse <file>... [--json]           parse articles and print what was extracted from each
  ingest <file|dir|url>... [--story s] [--progress]
                                     store articles, pages and feeds (all or nothing) and print what was added
  preview "/<command> <sub> [option:value]..."  answer one command through the local sandbox
  deploy-commands                     register slash commands with Discord (only when changed)
  deliveries [--story s] [--status s] what happened to every scheduled post
  migrate                             bring DATABASE_URL's schema up to date
  copy-store --from file:… --to postgres://…
                                     move a SQLite store into an empty PostgreSQL database (all or nothing)`;

type Handler = (args: string[]) => Promise<{ stdout: string; stderr?: string; exitCode: number }>;

const handlers: Record<string, Handler> = {
  // Each command loads only its own modules: deploy-commands or deliveries need no parser, and every import
  // is start-up time (under tsx, a CPU-starved machine makes each run seconds longer).
  parse: async (args) => (await import("./cli/parse.js")).runParse(args),
  ingest: async (args) => (await import("./cli/ingest.js")).runIngest(args),
  preview: async (args) => (await import("./cli/preview.js")).runPreview(args),
  "deploy-commands": async (args) => (await import("./cli/deploy.js")).runDeploy(args),
  deliveries: async (args) => (await import("./cli/deliveries.js")).runDeliveries(args),
  migrate: async (args) => (await import("./cli/store-admin.js")).runMigrate(args),
  "copy-store": async (args) => (await import("./cli/store-admin.js")).runCopyStore(args),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const handler = handlers[command];
  if (!handler) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  const { stdout, stderr, exitCode } = await handler(args);
  if (stdout) process.stdout.write(`${stdout}\n`);
  if (stderr) process.stderr.write(`${stderr}\n`);
  return exitCode;
}

loadDotEnv();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ArticleInputError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
