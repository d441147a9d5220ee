import { boundedMemo } from "../bounded-memo.js";
import type { Actor } from "./facts.js";

/**
 * One actor across a story's articles: "President Tokayev" in one report, "Kassym-Jomart Tokayev"
 * in another and "Qasym-Zhomart Toqaev" in a third are one person; two people who share a surname
 * are never merged without evidence (a given name, a role or a country that fits). Pure: the store
 * asks it when it files an article's actors under the story's.
 */

export type ActorLike = Pick<Actor, "name" | "aliases" | "kind" | "affiliation">;

const fold = (text: string): string => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * A spelling-neutral form of a name word: transliterations of one name meet ("Toqaev"/"Tokayev",
 * "Nazarbaev"/"Nazarbayev", "Masimov"/"Massimov", "Zhomart"/"Jomart"), while a feminine ending
 * keeps a name apart ("Nazarbayeva" is not "Nazarbayev"). Matching actors asks for the keys of the
 * same few names over and over (every candidate against every actor of every article, and again
 * when the story's actors are written): each word's is worked out once, in a bounded memo.
 */
export const nameKey: (word: string) => string = boundedMemo(spellingNeutral, 10_000);

function spellingNeutral(word: string): string {
  return fold(word)
    .replace(/[^a-z]/g, "")
    .replace(/q/g, "k")
    .replace(/dzh|zh|dj/g, "j")
    .replace(/kh/g, "h")
    .replace(/sh(?=[aeiou])/g, "j")
    .replace(/([aeiou])y(?=[aeiou])/g, "$1")
    .replace(/(.)\1+/g, "$1");
}

const words = (name: string): string[] =>
  name
    .replace(/^the\s+/i, "")
    .split(/\s+/)
    .filter(Boolean);

/** The key candidates for one actor are found by: a person's surname, an organisation's name. */
export function identityKey(actor: Pick<Actor, "name" | "kind">): string {
  const parts = words(actor.name);
  return actor.kind === "person" ? `person:${nameKey(parts.at(-1) ?? "")}` : `organisation:${parts.map(nameKey).join(" ")}`;
}

/** Given names fit when one is missing, or they share their first sound or nearly their spelling. */
function givenNamesFit(a: readonly string[], b: readonly string[]): boolean {
  const [ga, gb] = [a[0], b[0]];
  if (ga === undefined || gb === undefined) return true;
  const [ka, kb] = [nameKey(ga.split("-")[0]!), nameKey(gb.split("-")[0]!)];
  return ka === kb || ka[0] === kb[0];
}

export function sameActor(a: ActorLike, b: ActorLike): boolean {
  if (a.kind !== b.kind || identityKey(a) !== identityKey(b)) {
    // An organisation another article names by an alias: "Collective Security Treaty Organization" and "CSTO".
    if (a.kind !== "organisation" || b.kind !== "organisation") return false;
    const names = (x: ActorLike) => new Set([x.name, ...x.aliases].map((n) => fold(n)));
    const [na, nb] = [names(a), names(b)];
    if (![...na].some((n) => nb.has(n))) return false;
  }
  // Two people (or bodies) placed in different countries are two, whatever their names.
  if (a.affiliation && b.affiliation && a.affiliation !== b.affiliation) return false;
  return a.kind !== "person" || givenNamesFit(words(a.name).slice(0, -1), words(b.name).slice(0, -1));
}

/**
 * The one of the story's actors this article's actor is, or null when none is, or when several
 * could be (a bare surname two known people share): then it stands on its own rather than being
 * merged on a guess.
 */
export function matchActor<T extends ActorLike>(actor: ActorLike, candidates: readonly T[]): T | null {
  const fitting = candidates.filter((c) => sameActor(actor, c));
  if (fitting.length <= 1) return fitting[0] ?? null;
  const exact = fitting.filter((c) => fold(c.name) === fold(actor.name));
  return exact.length === 1 ? exact[0]! : null;
}
