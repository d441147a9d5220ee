import type { ArticleRef } from "../store/index.js";
import type { SourceRef, StoryRef } from "./views.js";
import type { StoryConfig } from "../story/config.js";

export const sourceOf = (article: ArticleRef): SourceRef => ({
  title: article.title,
  url: article.url,
  outlet: article.outlet,
  asOf: article.asOf,
});

export const storyRef = (story: StoryConfig): StoryRef => ({ slug: story.slug, title: story.title });

/** Ordering key for ISO times; unknown times sort first so the known latest stays last. */
export const timeOrder = (iso: string | null): number => (iso ? Date.parse(iso) || 0 : 0);
