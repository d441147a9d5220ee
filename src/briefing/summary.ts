import type { Store } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { CATEGORY_ORDER, figureSeries } from "./casualties.js";
import { sourceOf, storyRef } from "./source.js";
import type { SummaryView } from "./views.js";

export const SUMMARY_POINTS = 6;
const SUMMARY_SOURCES = 5;

export function summaryView(store: Store, story: StoryConfig): SummaryView {
  const articles = store.recentArticles(story.slug, SUMMARY_SOURCES);
  const latest = articles[0];
  const series = figureSeries(store, story.slug, 0);
  // One line of numbers: the latest figure of each casualty/arrest kind, deaths first.
  const figures = CATEGORY_ORDER.filter((category) => category !== "other").flatMap(
    (category) => series.get(category)?.map((s) => s.latest) ?? [],
  );
  return {
    story: storyRef(story),
    headline: latest?.title ?? story.title,
    asOf: latest?.asOf ?? null,
    points: store.summary(story.slug, SUMMARY_POINTS).map((row) => ({
      text: row.text,
      at: row.at,
      unverified: row.unverified,
      source: sourceOf(row.article),
    })),
    figures,
    sources: articles.map(sourceOf),
  };
}
