import type { MessageFile } from "../files.js";
import { chartAltText } from "./alt-text.js";
import type { ChartFonts } from "./font.js";
import type { ChartInput } from "./model.js";
import { specToSvg, svgToPng } from "./png.js";
import { chartLayout } from "./layout.js";
import { chartSpec } from "./spec.js";

/** A drawn chart, ready to upload with a message (its description is the alt text). */
export interface ChartImage extends MessageFile {
  width: number;
  height: number;
}

export const FIGURES_CHART_NAME = "casualties.png";

/** The headline figures as a PNG with its alt text; null when there is nothing to draw. */
export async function drawFiguresChart(input: ChartInput, fonts: ChartFonts): Promise<ChartImage | null> {
  const layout = chartLayout(input);
  if (!layout) return null;
  const png = svgToPng(await specToSvg(chartSpec(layout)), fonts);
  return { name: FIGURES_CHART_NAME, data: png.data, width: png.width, height: png.height, description: chartAltText(input) };
}
