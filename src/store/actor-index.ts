import type { ActorKind } from "../extract/facts.js";
import { nameKey } from "./keys.js";
import type { ActorIndexRow } from "./store.js";

/** One article's facts about an actor, `n` its article's place newest first (1 = newest). */
export interface ActorFactRow {
  id: string;
  name: string;
  role: string | null;
  kind: ActorKind;
  affiliation: string | null;
  n: number;
}

/** A name an article used for an actor: where (article place `n`, position `slot` in its list). */
export interface ActorAliasRow {
  id: string;
  alias: string;
  n: number;
  slot: number;
}

/**
 * The story's actors merged across articles by id: the newest article's name, the first role and
 * affiliation any article gives newest first, every other name once in the order the articles used
 * them (however its case or accents differ), most mentioned first.
 */
export function mergeActorIndex(
  facts: readonly ActorFactRow[],
  aliases: readonly ActorAliasRow[],
  mentionCounts: ReadonlyMap<string, number>,
): ActorIndexRow[] {
  const actors = new Map<string, { actor: ActorIndexRow; names: Array<{ name: string; n: number; slot: number }> }>();
  for (const row of [...facts].sort((a, b) => a.n - b.n)) {
    let entry = actors.get(row.id);
    if (!entry) {
      const { id, name, role, kind, affiliation } = row;
      entry = { actor: { id, name, aliases: [], role, kind, affiliation, mentionCount: mentionCounts.get(id) ?? 0 }, names: [] };
      actors.set(row.id, entry);
    }
    entry.actor.role ??= row.role;
    entry.actor.affiliation ??= row.affiliation;
    entry.names.push({ name: row.name, n: row.n, slot: -1 });
  }
  for (const row of aliases) actors.get(row.id)?.names.push({ name: row.alias, n: row.n, slot: row.slot });
  for (const { actor, names } of actors.values()) {
    const seen = new Set([nameKey(actor.name)]);
    for (const { name } of names.sort((a, b) => a.n - b.n || a.slot - b.slot)) {
      const key = nameKey(name);
      if (seen.has(key)) continue;
      seen.add(key);
      actor.aliases.push(name);
    }
  }
  return [...actors.values()]
    .map((entry) => entry.actor)
    .sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name));
}

/**
 * What was drawn per story at one store version. Autocomplete, actor look-ups, reactions by actor
 * and /ask all start from the actor index, and it is the one read that still walks the story: each
 * backend draws it once per version and story.
 */
export class PerVersion<T> {
  private seen: string | null = null;
  private readonly byStory = new Map<string, T>();

  get(version: string, story: string, draw: () => T): T {
    if (version !== this.seen) {
      this.byStory.clear();
      this.seen = version;
    }
    if (!this.byStory.has(story)) this.byStory.set(story, draw());
    return this.byStory.get(story) as T;
  }

  /** Drops a story's entry, e.g. a draw that failed. */
  forget(story: string): void {
    this.byStory.delete(story);
  }
}
