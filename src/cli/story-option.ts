import type { StoryConfig } from "../story/config.js";
import { UsageError } from "./usage-error.js";

/**
 * The story a `--story` option names, or the only story when none is named; an unknown or missing
 * one is a usage error (exit 2) listing the known slugs.
 */
export function storyOption(stories: readonly StoryConfig[], slug: string | undefined): StoryConfig {
  const known = stories.map((s) => s.slug).join(", ");
  const chosen = slug ?? (stories.length === 1 ? stories[0]?.slug : undefined);
  if (!chosen) throw new UsageError(`several stories exist (${known}): name one with --story`);
  const story = stories.find((s) => s.slug === chosen);
  if (!story) throw new UsageError(`unknown story "${chosen}" (known: ${known})`);
  return story;
}
