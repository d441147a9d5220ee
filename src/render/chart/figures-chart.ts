import { chartAltText } from "./alt-text.js";
import type { ChartFonts } from "./font.js";
import type { ChartInput } from "./model.js";
import { specToSvg, svgToPng } from "./png.js";
import { chartLayout } from "./layout.js";
import { chartSpec } from "./spec.js";

/** A drawn chart, ready to attach to a message: the embed shows it as `attachment://<name>`. */
export interface ChartImage {
  name: string;
  png: Buffer;
  width: number;
  height: number;
  /** Alt text: what the chart shows, in words (the attachment's description). */
  description: string;
}

export const FIGURES_CHART_NAME = "casualties.png";

/** The headline figures as a PNG with its alt text; null when there is nothing to draw. */
export async function drawFiguresChart(input: ChartInput, fonts: ChartFonts): Promise<ChartImage | null> {
  const layout = chartLayout(input);
  if (!layout) return null;
  const png = svgToPng(await specToSvg(chartSpec(layout)), fonts);
  return { name: FIGURES_CHART_NAME, png: png.data, width: png.width, height: png.height, description: chartAltText(input) };
}
