import type { Qualifier } from "../../extract/facts.js";
import { fit } from "../fit.js";
import { Limits } from "../limits.js";
import { dayOf, seriesMarks, sourceKeys, type Mark } from "./marks.js";
import { CHART_LABEL, type ChartInput } from "./model.js";
import { zoneName } from "./layout.js";

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

const phrase = (qualifier: Qualifier, count: number) => `${qualifier === "exact" ? "" : `${qualifier} `}${count.toLocaleString("en")}`;

function markText(mark: Mark): string {
  const by = [...mark.sources, ...(mark.unverified ? ["unverified"] : [])].join("; ");
  return `${phrase(mark.qualifier, mark.count)} on ${dayFormat.format(new Date(dayOf(mark.x)))} (${by})`;
}

/**
 * The chart in words, for the attachment's description: every mark the chart draws with its
 * count, day and sources, the line's reports joined by arrows and a same-day disagreement by
 * "vs.": "Killed: 40 on 6 Jan (State television) → 164 on 9 Jan (health ministry)."
 */
export function chartAltText(input: ChartInput): string {
  const series = input.series.filter((s) => s.points.length > 0);
  const keys = sourceKeys(series);
  const sentences = series.map((s) => {
    const marks = seriesMarks(s, keys, input.timeZone);
    const days = [...new Set(marks.map((m) => m.day))];
    const steps = days.map((day) =>
      marks
        .filter((m) => m.day === day)
        .map(markText)
        .join(" vs. "),
    );
    const omitted = s.omitted > 0 ? ` (${s.omitted} earlier or undated not shown)` : "";
    return `${CHART_LABEL[s.category]}: ${steps.join(" → ")}${omitted}.`;
  });
  return fit(`${sentences.join(" ")} Dates in ${zoneName(input.timeZone)}.`, Limits.attachmentDescription);
}
