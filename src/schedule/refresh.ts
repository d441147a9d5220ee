import { existsSync } from "node:fs";
import { ingestStoryFiles, type ArticleWork } from "../pipeline/story-sources.js";
import type { Logger } from "../logger.js";
import type { ArticleWriter } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";

/**
 * Reads the stories' own files again (the start stored what they hold, and left what an older
 * version of the extraction stored for this, off the path the login waits on). Returns how many
 * updates were recorded: none, unless a file changed since the start.
 */
export async function rereadStoryFiles(store: ArticleWriter, stories: readonly StoryConfig[], logger: Logger, work?: ArticleWork): Promise<number> {
  let updates = 0;
  for (const story of stories) updates += (await ingestStoryFiles(store, story, story.sources.files, logger, work)).filter((r) => r.update !== null).length;
  return updates;
}

/**
 * Reads each story's inbox folder and stores what is new; the store writes each new article's
 * Update with the article, in its savepoint. Returns how many updates were recorded. A missing inbox
 * is logged, not fatal: the operator may not have created it yet.
 */
export async function refreshInboxes(store: ArticleWriter, stories: readonly StoryConfig[], logger: Logger, work?: ArticleWork): Promise<number> {
  let updates = 0;
  for (const story of stories) {
    const inbox = story.sources.inbox;
    if (!inbox) continue;
    if (!existsSync(inbox)) {
      logger.warn({ story: story.slug, inbox }, "inbox folder does not exist; nothing to read");
      continue;
    }
    updates += (await ingestStoryFiles(store, story, [inbox], logger, work)).filter((r) => r.update !== null).length;
  }
  return updates;
}
