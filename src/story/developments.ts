import { clusterTexts } from "../analyse/similarity.js";

/**
 * "What we know": sentences of many articles that report the same development form one cluster
 * (src/analyse/similarity.ts), and clusters are ranked by how many independent sources report them,
 * then by weight (the extraction's own score: figures, named actors, the lead) and recency. Each
 * shows its clearest sentence.
 */

export interface Reported {
  text: string;
  at: string | null;
  /** The extraction's weight of the sentence in its article. */
  score: number;
  unverified: boolean;
  source: { outlet: string | null; title: string; asOf: string | null };
}

export interface ReportedDevelopment<T extends Reported> {
  /** The clearest report: a whole sentence, verified before unverified, the highest weight, the shortest. */
  best: T;
  reports: T[];
  /** Distinct outlets (articles, where no outlet is named). */
  sources: number;
  /** When it was first reported, epoch ms (0 when unknown). */
  first: number;
  newest: number;
}

const timeOf = (r: Reported): number => {
  const ms = Date.parse(r.at ?? r.source.asOf ?? "");
  return Number.isNaN(ms) ? 0 : ms;
};

/** Who reported it, for counting independent sources: the outlet, else the article's title. */
export const sourceKey = (source: { outlet: string | null; title: string }): string => (source.outlet ?? `“${source.title}”`).toLowerCase();

/** Long sentences read worse in a list of points; past this a sentence loses weight as it grows. */
const CLEAR_LENGTH = 220;

/** A whole sentence, not a heading's fragment ("Ex-Prime Minister Massimov arrested"). */
const isSentence = (r: Reported) => /[.!?…]["”’»)]*$/u.test(r.text.trim());

function clearest<T extends Reported>(reports: readonly T[]): T {
  const clarity = (r: T) => r.score - Math.max(0, r.text.length - CLEAR_LENGTH) / 100;
  return [...reports].sort(
    (a, b) =>
      Number(isSentence(b)) - Number(isSentence(a)) || Number(a.unverified) - Number(b.unverified) || clarity(b) - clarity(a) || a.text.length - b.text.length,
  )[0]!;
}

export function clusterReports<T extends Reported>(reports: readonly T[]): ReportedDevelopment<T>[] {
  return clusterTexts(reports.map((r) => r.text)).map((indexes) => {
    const members = indexes.map((i) => reports[i]!);
    const times = members.map(timeOf);
    return {
      best: clearest(members),
      reports: members,
      sources: new Set(members.map((m) => sourceKey(m.source))).size,
      first: Math.min(...times),
      newest: Math.max(...times),
    };
  });
}

/** Ranked: the most sources first, then the heaviest, then the newest. */
export function rankDevelopments<T extends Reported>(developments: readonly ReportedDevelopment<T>[]): ReportedDevelopment<T>[] {
  const latest = Math.max(0, ...developments.map((d) => d.newest));
  const DAY = 86_400_000;
  const rank = (d: ReportedDevelopment<T>) => d.sources * 3 + d.best.score - Math.min(3, (latest - d.newest) / DAY) * 0.5;
  return [...developments].sort((a, b) => rank(b) - rank(a) || b.newest - a.newest);
}

/**
 * The newest key development: of the leading developments, the one first reported last (so a toll
 * every outlet repeats since Monday does not hide Friday's arrest); of those first reported
 * together, the best ranked (the sort is stable).
 */
export function newestKey<T extends Reported>(ranked: readonly ReportedDevelopment<T>[], among = 12): ReportedDevelopment<T> | null {
  return [...ranked.slice(0, among)].sort((a, b) => b.first - a.first)[0] ?? null;
}
