import type { BriefingReads } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { CATEGORY_ORDER, figureSeries } from "./casualties.js";
import { sourceOf, storyRef } from "./source.js";
import type { SummaryView } from "./views.js";

export const SUMMARY_POINTS = 6;
const SUMMARY_SOURCES = 5;

export async function summaryView(store: BriefingReads, story: StoryConfig): Promise<SummaryView> {
  const articles = await store.recentArticles(story.slug, SUMMARY_SOURCES);
  const latest = articles[0];
  const series = await figureSeries(store, story.slug, 0);
  // One line of numbers: the latest figure of each casualty/arrest kind, deaths first.
  const figures = CATEGORY_ORDER.filter((category) => category !== "other").flatMap(
    (category) => series.get(category)?.map((s) => s.latest) ?? [],
  );
  return {
    story: storyRef(story),
    headline: latest?.title ?? story.title,
    asOf: latest?.asOf ?? null,
    points: (await store.summary(story.slug, SUMMARY_POINTS)).map((row) => ({
      text: row.text,
      at: row.at,
      unverified: row.unverified,
      source: sourceOf(row.article),
    })),
    figures,
    sources: articles.map(sourceOf),
  };
}
