import { SAME_STATEMENT, clusterProfiles, profiles } from "../analyse/similarity.js";
import { sourceKey } from "./developments.js";

/**
 * One reaction per (actor, statement) across the story: outlets report one statement with their
 * own gist and cut of the quote, so statements of one actor are clustered, and each cluster shows
 * a gist that reads as a clause, the longest verbatim quote, and how many sources reported it. An
 * actor is filed under one country or organisation, the one most of the story's reports give.
 */

export interface ReportedReaction {
  /** The actor's story-wide identity (the actor index's id), else a key of the name. */
  identity: string;
  actor: string;
  countryOrOrg: string;
  gist: string;
  quote: string | null;
  at: string | null;
  source: { outlet: string | null; title: string };
}

export interface Statement<T extends ReportedReaction> {
  actor: string;
  countryOrOrg: string;
  gist: string;
  quote: string | null;
  /** The newest report of it. */
  report: T;
  sources: number;
}

const fold = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** The gist without the quote it introduces (or repeats), and without a dangling colon. */
export function cleanGist(gist: string, quote: string | null): string {
  let text = gist;
  if (quote) {
    const q = fold(quote);
    // "added: <phrase>: “<phrase>”": the quote is shown on its own, so the gist stops before it.
    const at = text.search(/[:,]?\s*[“"«]/);
    if (at > 0 && fold(text.slice(at)).includes(q.slice(0, Math.min(q.length, 40)))) text = text.slice(0, at);
    if (fold(text).endsWith(q) && fold(text) !== q) text = text.slice(0, Math.max(0, text.length - quote.length));
  }
  return text.replace(/[\s:;,–—-]+$/u, "").trim() || gist;
}

const mostCommon = (values: readonly string[]): string => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
};

/** Newest first in, statements out in the same order (by their newest report). */
export function consolidateReactions<T extends ReportedReaction>(reports: readonly T[]): Statement<T>[] {
  // Terms are weighed over every statement of the story: one speaker's two reports alone make
  // every shared word look common.
  const weighed = profiles(reports.map((r) => `${r.gist} ${r.quote ?? ""}`));
  const profileOf = new Map(reports.map((r, i) => [r, weighed[i]!]));
  const byActor = new Map<string, T[]>();
  for (const r of reports) byActor.set(r.identity, [...(byActor.get(r.identity) ?? []), r]);
  const statements: Array<Statement<T> & { order: number }> = [];
  for (const list of byActor.values()) {
    const countryOrOrg = mostCommon(list.map((r) => r.countryOrOrg));
    // The fullest name any report gives ("Antony Blinken" over "Blinken").
    const actor = [...list].sort((a, b) => b.actor.length - a.actor.length)[0]!.actor;
    for (const indexes of clusterProfiles(
      list.map((r) => profileOf.get(r)!),
      SAME_STATEMENT,
    )) {
      const members = indexes.map((i) => list[i]!);
      const quote =
        members
          .map((m) => m.quote)
          .filter((q): q is string => Boolean(q))
          .sort((a, b) => b.length - a.length)[0] ?? null;
      const withQuote = members.find((m) => m.quote === quote) ?? members[0]!;
      const gist = cleanGist([...members].sort((a, b) => a.gist.length - b.gist.length).find((m) => m.gist.length >= 12)?.gist ?? withQuote.gist, quote);
      statements.push({
        actor,
        countryOrOrg,
        gist,
        quote,
        report: members[0]!,
        sources: new Set(members.map((m) => sourceKey(m.source))).size,
        order: reports.indexOf(members[0]!),
      });
    }
  }
  return statements.sort((a, b) => a.order - b.order).map(({ order: _order, ...s }) => s);
}
