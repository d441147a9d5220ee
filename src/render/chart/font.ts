import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The chart's typeface, shipped as TTF files inside an npm package so a chart has text on a
 * machine without system fonts (resvg reads TrueType/OpenType, not the woff2 most font packages
 * ship). Resolved and checked once per process.
 */
export interface ChartFonts {
  family: string;
  files: string[];
}

const PACKAGE = "@expo-google-fonts/ibm-plex-sans";
const FILES = ["400Regular/IBMPlexSans_400Regular.ttf", "600SemiBold/IBMPlexSans_600SemiBold.ttf"];

let fonts: ChartFonts | undefined;

export function chartFonts(): ChartFonts {
  if (fonts) return fonts;
  const dir = dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
  const files = FILES.map((file) => join(dir, file));
  for (const file of files) accessSync(file, constants.R_OK);
  fonts = { family: "IBM Plex Sans", files };
  return fonts;
}
