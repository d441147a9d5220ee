import type { BriefingReads } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { storyRef } from "./source.js";
import type { HelpView } from "./views.js";

/** What the bot covers and how fresh each story is; `failing` names sources that keep failing. */
export async function helpView(
  store: BriefingReads,
  stories: readonly StoryConfig[],
  failing: ReadonlyMap<string, string[]> = new Map(),
  shardCount = 1,
): Promise<HelpView> {
  const counts = new Map((await store.stories()).map((row) => [row.story, row.articleCount]));
  return {
    stories: await Promise.all(
      stories.map(async (story) => {
        return {
          story: storyRef(story),
          articles: counts.get(story.slug) ?? 0,
          latestAsOf: (await store.recentArticles(story.slug, 1))[0]?.asOf ?? null,
          failingSources: failing.get(story.slug) ?? [],
        };
      }),
    ),
    shardCount,
  };
}
