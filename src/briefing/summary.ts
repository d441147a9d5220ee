import type { BriefingReads, SummaryRow } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { clusterReports, newestKey, rankDevelopments, type Reported, type ReportedDevelopment } from "../story/developments.js";
import { CATEGORY_ORDER, figureSeries, headlineFigure } from "./casualties.js";
import { sourceOf, storyRef } from "./source.js";
import type { Development, SourceRef, SummaryView } from "./views.js";

export const SUMMARY_POINTS = 6;
/**
 * Summary sentences drawn to cluster: the newest articles' (five each), enough for a week of a
 * busy story; the briefing is drawn once per store version, not per interaction.
 */
const CANDIDATES = 400;

type Candidate = SummaryRow & { source: SourceRef };

export const toDevelopment = <T extends Reported & { source: SourceRef }>(d: ReportedDevelopment<T>): Development => ({
  text: d.best.text,
  at: d.best.at ?? d.best.source.asOf,
  unverified: d.best.unverified,
  source: d.best.source,
  sources: d.sources,
});

export async function summaryView(store: BriefingReads, story: StoryConfig): Promise<SummaryView> {
  const candidates: Candidate[] = (await store.summary(story.slug, CANDIDATES)).map((row) => ({ ...row, source: sourceOf(row.article) }));
  const ranked = rankDevelopments(clusterReports(candidates));
  const shown = ranked.slice(0, SUMMARY_POINTS);
  const latest = newestKey(ranked);
  const series = await figureSeries(store, story.slug, 5);
  const sources = new Map<string, SourceRef>();
  for (const d of latest ? [latest, ...shown] : shown) sources.set(d.best.article.id, d.best.source);
  return {
    story: storyRef(story),
    headline: story.title,
    latest: latest ? toDevelopment(latest) : null,
    asOf: candidates[0]?.article.asOf ?? null,
    points: shown.filter((d) => d !== latest).map(toDevelopment),
    figures: CATEGORY_ORDER.flatMap((category) => headlineFigure(category, series.get(category) ?? []) ?? []),
    sources: [...sources.values()],
  };
}
