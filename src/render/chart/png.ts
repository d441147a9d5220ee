import { Resvg } from "@resvg/resvg-js";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ChartFonts } from "./font.js";

/** Vega-Lite → Vega → SVG, headless: the "none" renderer needs no canvas or DOM. */
export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Png {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * SVG → PNG with the shipped fonts only (never the machine's, so every machine draws the same
 * image), at `scale` pixels per SVG unit so text stays sharp when Discord scales it.
 */
export function svgToPng(svg: string, fonts: ChartFonts, scale = 2, margin = 8): Png {
  const resvg = new Resvg(svg, {
    font: { fontFiles: fonts.files, loadSystemFonts: false, defaultFontFamily: fonts.family, sansSerifFamily: fonts.family },
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    logLevel: "off",
  });
  // Vega sizes the canvas by its own estimate of text widths (0.8 em a character, wider than the
  // real font): the drawn content, measured with the real font, decides the image's size.
  const drawn = resvg.getBBox();
  if (drawn) {
    // The native side only takes back its own BBox object.
    const x = Math.max(0, drawn.x - margin);
    const y = Math.max(0, drawn.y - margin);
    drawn.width = Math.min(resvg.width - x, drawn.width + (drawn.x - x) + margin);
    drawn.height = Math.min(resvg.height - y, drawn.height + (drawn.y - y) + margin);
    drawn.x = x;
    drawn.y = y;
    resvg.cropByBBox(drawn);
  }
  const image = resvg.render();
  return { data: image.asPng(), width: image.width, height: image.height };
}
