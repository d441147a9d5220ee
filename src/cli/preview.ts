import { loadConfig, makeDatabaseFolder } from "../config.js";
import { CommandLineError, parseCommandLine } from "../discord/command-line.js";
import { loadCommands } from "../discord/commands.js";
import { ingestStoryFiles } from "../pipeline/story-sources.js";
import { createLogger } from "../logger.js";
import { startLocalSession } from "../sandbox/local-session.js";
import { replyOutput, runTypedCommand } from "../sandbox/terminal.js";
import { openStore } from "../store/index.js";
import { loadStories } from "../story/config.js";
import { UsageError } from "./usage-error.js";

/**
 * `preview "/kazakhstan actor name:Massimov"`: answers one command through the real bot and the
 * local sandbox, prints the reply as text and exits. 2 for an unknown command or option.
 */
export async function runPreview(args: string[]) {
  const line = args.join(" ").trim();
  if (!line) throw new UsageError('usage: cli preview "/<command> [subcommand] [option:value]..."');
  const config = loadConfig();
  const stories = loadStories(config.STORIES_DIR);
  const commands = loadCommands(stories);
  try {
    parseCommandLine(
      line,
      commands.map((c) => c.data),
    );
  } catch (error) {
    if (error instanceof CommandLineError) throw new UsageError(error.message);
    throw error;
  }
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
  const created = makeDatabaseFolder(config);
  const store = await openStore(config.DATABASE_URL);
  try {
    for (const story of stories) await ingestStoryFiles(store, story, story.sources.files, logger);
    const session = await startLocalSession({ config, logger, store, stories });
    try {
      const reply = await runTypedCommand(
        session.sandbox,
        session.bot.commands.map((c) => c.data),
        line,
      );
      return { stdout: await replyOutput(session.sandbox, reply), ...(created ? { stderr: created } : {}), exitCode: 0 };
    } finally {
      await session.close();
    }
  } finally {
    await store.close();
  }
}
