import { casualtiesView } from "../briefing/casualties.js";
import { StoreCache } from "../briefing/cache.js";
import type { ChartImage } from "../render/chart/figures-chart.js";
import { chartFonts } from "../render/chart/font.js";
import { casualtiesChartInput } from "../render/chart/headline-series.js";
import type { ChartInput } from "../render/chart/model.js";
import type { BriefingReads } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";

/** A story's casualty chart and what it was drawn from (which reports are its headline figures). */
export interface CasualtyChart {
  image: ChartImage;
  input: ChartInput;
}

/** The charts replies and scheduled posts carry: each drawn once per store version and shared. */
export interface FiguresCharts {
  /** Null when the story has no dated casualty figure to draw. */
  casualties(story: StoryConfig): Promise<CasualtyChart | null>;
}

export function figuresCharts(store: BriefingReads): FiguresCharts {
  const cache = new StoreCache<CasualtyChart | null>(() => store.version());
  return {
    casualties: (story) =>
      cache.get(story.slug, async () => {
        const input = casualtiesChartInput(await casualtiesView(store, story), story);
        // Vega, Vega-Lite and resvg (about 60 MB) load with the first chart, not with the bot.
        const { drawFiguresChart } = await import("../render/chart/figures-chart.js");
        const image = await drawFiguresChart(input, chartFonts());
        return image ? { image, input } : null;
      }),
  };
}
