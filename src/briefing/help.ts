import type { Store } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { storyRef } from "./source.js";
import type { HelpView } from "./views.js";

/** What the bot covers and how fresh each story is; `failing` names sources that keep failing. */
export function helpView(store: Store, stories: readonly StoryConfig[], failing: ReadonlyMap<string, string[]> = new Map()): HelpView {
  return {
    stories: stories.map((story) => {
      const articles = store.articles(story.slug);
      return {
        story: storyRef(story),
        articles: articles.length,
        latestAsOf: articles[0]?.asOf ?? null,
        failingSources: failing.get(story.slug) ?? [],
      };
    }),
  };
}
