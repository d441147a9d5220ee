import type { Actor, ActorKind } from "../extract/facts.js";
import { identityKey, matchActor, type ActorLike } from "../extract/identity.js";
import { nameKey } from "./keys.js";
import type { ActorIndexRow } from "./store.js";

/**
 * The story's actors, one row each, kept up to date inside every ingest's transaction: an article's
 * actors are filed under the story's (extract/identity.ts decides who is who) and folded into them,
 * so the actor index, autocomplete and actor pages read a few rows instead of every article's.
 * Pure: both backends read and write the rows, these functions decide what they hold.
 */

/** Where a value came from: its article's as-of time and primary key (newest first: time, then pk). */
export interface ArticleRank {
  ms: number | null;
  pk: number;
}

/** A name some article used for the actor; `slot` -1 for the article's own name, else the alias's position. */
export interface ActorName {
  name: string;
  rank: ArticleRank;
  slot: number;
}

export interface StoryActor {
  id: string;
  kind: ActorKind;
  /** The newest article's name for the actor. */
  name: string;
  nameRank: ArticleRank;
  /** The fullest name any article gave (most words): what a later article's name is matched against. */
  fullName: string;
  /** The newest article's role and affiliation that are not null. */
  role: string | null;
  roleRank: ArticleRank | null;
  affiliation: string | null;
  affiliationRank: ArticleRank | null;
  /** Every name by its key (keys.ts nameKey), each at its newest use. */
  names: Map<string, ActorName>;
  mentionCount: number;
  articleCount: number;
}

/** One article's facts about one of the story's actors. */
export type ArticleActor = Pick<Actor, "id" | "name" | "aliases" | "role" | "kind" | "affiliation"> & { mentionCount: number };

/** Whether `a` is a newer article than `b` in the briefings' order (as-of time, none counts as oldest, then pk). */
export function isNewer(a: ArticleRank, b: ArticleRank): boolean {
  if (a.ms !== b.ms) return b.ms === null || (a.ms !== null && a.ms > b.ms);
  return a.pk > b.pk;
}

const wordCount = (name: string) => name.split(/\s+/).filter(Boolean).length;

/** The story actor with one more article's facts about it (`state` null: the actor's first article). */
export function addArticleActor(state: StoryActor | null, actor: ArticleActor, rank: ArticleRank): StoryActor {
  const next: StoryActor = state
    ? { ...state, names: new Map(state.names) }
    : {
        id: actor.id,
        kind: actor.kind,
        name: actor.name,
        nameRank: rank,
        fullName: actor.name,
        role: null,
        roleRank: null,
        affiliation: null,
        affiliationRank: null,
        names: new Map(),
        mentionCount: 0,
        articleCount: 0,
      };
  if (isNewer(rank, next.nameRank)) [next.name, next.nameRank] = [actor.name, rank];
  if (wordCount(actor.name) > wordCount(next.fullName)) next.fullName = actor.name;
  if (actor.role !== null && (next.roleRank === null || isNewer(rank, next.roleRank))) [next.role, next.roleRank] = [actor.role, rank];
  if (actor.affiliation !== null && (next.affiliationRank === null || isNewer(rank, next.affiliationRank))) {
    [next.affiliation, next.affiliationRank] = [actor.affiliation, rank];
  }
  [actor.name, ...actor.aliases].forEach((name, i) => {
    const use = { name, rank, slot: i - 1 };
    const key = nameKey(name);
    const known = next.names.get(key);
    if (!known || isNewer(rank, known.rank) || (known.rank.pk === rank.pk && use.slot < known.slot)) next.names.set(key, use);
  });
  next.mentionCount += actor.mentionCount;
  next.articleCount += 1;
  return next;
}

/** How a story actor is matched: by its fullest name, every name it was given, its country. */
const asLike = (actor: StoryActor): ActorLike => ({
  name: actor.fullName,
  aliases: [...actor.names.values()].map((n) => n.name),
  kind: actor.kind,
  affiliation: actor.affiliation,
});

/** What to look candidates up by: the person's surname (or the organisation's name) key, and every name's key. */
export function lookupKeys(actors: readonly Pick<Actor, "name" | "aliases" | "kind">[]): { identities: string[]; names: string[] } {
  return {
    identities: [...new Set(actors.map(identityKey))],
    names: [...new Set(actors.filter((a) => a.kind === "organisation").flatMap((a) => [a.name, ...a.aliases].map(nameKey)))],
  };
}

/**
 * The article's actors under the ids of the story's actors they are (`candidates`: the story actors
 * found by `lookupKeys`), a new id for one the story has not met. Two of the article's actors that
 * turn out to be one story actor become one, uniting names and mentions.
 */
export function assignActors(actors: readonly Actor[], candidates: readonly StoryActor[]): Actor[] {
  const pool: Array<{ id: string; like: ActorLike }> = candidates.map((c) => ({ id: c.id, like: asLike(c) }));
  const taken = new Set(pool.map((p) => p.id));
  const byId = new Map<string, Actor>();
  for (const actor of actors) {
    const match = matchActor(
      actor,
      pool.map((p) => p.like),
    );
    let id = match ? pool.find((p) => p.like === match)!.id : actor.id;
    if (!match) {
      // A name the story has met as someone else (an ambiguous surname): a new actor under a free id.
      for (let n = 2; taken.has(id); n++) id = `${actor.id}-${n}`;
      taken.add(id);
      pool.push({ id, like: actor });
    }
    const same = byId.get(id);
    if (!same) {
      byId.set(id, { ...actor, id });
      continue;
    }
    byId.set(id, {
      ...same,
      aliases: [...new Set([...same.aliases, actor.name, ...actor.aliases])].filter((a) => a !== same.name),
      role: same.role ?? actor.role,
      affiliation: same.affiliation ?? actor.affiliation,
      mentions: [...new Set([...same.mentions, ...actor.mentions])].sort((a, b) => a - b),
    });
  }
  return [...byId.values()];
}

/** The index row: every other name once, newest use first (the article's own name before its aliases). */
export function indexRow(actor: StoryActor): ActorIndexRow {
  const own = nameKey(actor.name);
  const aliases = [...actor.names.entries()]
    .filter(([key]) => key !== own)
    .map(([, use]) => use)
    .sort((a, b) => (a.rank.pk === b.rank.pk ? a.slot - b.slot : isNewer(a.rank, b.rank) ? -1 : 1))
    .map((use) => use.name);
  const { id, name, role, kind, affiliation, mentionCount, articleCount } = actor;
  return { id, name, aliases, role, kind, affiliation, mentionCount, articleCount };
}

/** Most mentioned first, then by name. */
export const byMentions = (a: ActorIndexRow, b: ActorIndexRow): number => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name);

/** One story actor rebuilt from every article's rows about it (after an article is replaced). */
export function foldArticleActors(rows: ReadonlyArray<ArticleActor & { rank: ArticleRank }>): Map<string, StoryActor> {
  const actors = new Map<string, StoryActor>();
  for (const row of rows) actors.set(row.id, addArticleActor(actors.get(row.id) ?? null, row, row.rank));
  return actors;
}

// ---- Rows, as both backends store them (PostgreSQL needs the aliases quoted to keep their case).

export const storyActorColumns = `x.id, x.kind, x.name, x.name_ms AS "nameMs", x.name_pk AS "namePk", x.full_name AS "fullName", x.role,
  x.role_ms AS "roleMs", x.role_pk AS "rolePk", x.affiliation, x.affiliation_ms AS "affiliationMs", x.affiliation_pk AS "affiliationPk",
  x.mention_count AS "mentionCount", x.article_count AS "articleCount"`;

export interface StoryActorColumns {
  id: string;
  kind: ActorKind;
  name: string;
  nameMs: number | null;
  namePk: number;
  fullName: string;
  role: string | null;
  roleMs: number | null;
  rolePk: number | null;
  affiliation: string | null;
  affiliationMs: number | null;
  affiliationPk: number | null;
  mentionCount: number;
  articleCount: number;
}

export const actorNameColumns = `n.actor_id AS "actorId", n.name_key AS "nameKey", n.name, n.article_ms AS "articleMs", n.article_pk AS "articlePk", n.slot`;

export interface ActorNameColumns {
  actorId: string;
  nameKey: string;
  name: string;
  articleMs: number | null;
  articlePk: number;
  slot: number;
}

const STORY_ACTOR_COLUMNS = [
  "story",
  "id",
  "kind",
  "identity_key",
  "name",
  "name_ms",
  "name_pk",
  "full_name",
  "role",
  "role_ms",
  "role_pk",
  "affiliation",
  "affiliation_ms",
  "affiliation_pk",
  "mention_count",
  "article_count",
];
const ACTOR_NAME_COLUMNS = ["story", "actor_id", "name_key", "name", "article_ms", "article_pk", "slot"];

/** An upsert of rows whose first `keys` columns are the primary key, its values from `values` (SQL text, "?" or "$n" lists). */
const upsert = (table: string, columns: readonly string[], keys: number, values: string) =>
  `INSERT INTO ${table} (${columns.join(", ")}) ${values}
   ON CONFLICT (${columns.slice(0, keys).join(", ")}) DO UPDATE SET ${columns
     .slice(keys)
     .map((c) => `${c} = excluded.${c}`)
     .join(", ")}`;

/** The upsert of one story actor (`values`: its VALUES or SELECT clause, in storyActorValues' order). */
export const upsertStoryActor = (values: string) => upsert("story_actors", STORY_ACTOR_COLUMNS, 2, values);
export const STORY_ACTOR_WIDTH = STORY_ACTOR_COLUMNS.length;
/** The upsert of one actor name (in actorNameValues' order). */
export const upsertActorName = (values: string) => upsert("story_actor_names", ACTOR_NAME_COLUMNS, 3, values);
export const ACTOR_NAME_WIDTH = ACTOR_NAME_COLUMNS.length;

export function storyActorValues(story: string, a: StoryActor): unknown[] {
  return [
    story,
    a.id,
    a.kind,
    identityKey({ name: a.fullName, kind: a.kind }),
    a.name,
    a.nameRank.ms,
    a.nameRank.pk,
    a.fullName,
    a.role,
    a.roleRank?.ms ?? null,
    a.roleRank?.pk ?? null,
    a.affiliation,
    a.affiliationRank?.ms ?? null,
    a.affiliationRank?.pk ?? null,
    a.mentionCount,
    a.articleCount,
  ];
}

export function actorNameValues(story: string, actorId: string, key: string, use: ActorName): unknown[] {
  return [story, actorId, key, use.name, use.rank.ms, use.rank.pk, use.slot];
}

/**
 * The names this article gave the actor that its fold took (the article's use is now the name's
 * newest): the ones to write. A name the story last saw in a newer article keeps its row as it is.
 */
const namesTaken = (folded: StoryActor, actor: Pick<Actor, "name" | "aliases">, rank: ArticleRank): string[] =>
  [...new Set([actor.name, ...actor.aliases].map(nameKey))].filter((key) => folded.names.get(key)?.rank.pk === rank.pk);

/**
 * A new article's (already assigned) actors folded into the story's (`known`: the story actors
 * they are, by id), each with the names it took: what both backends write.
 */
export const foldNewArticle = (known: ReadonlyMap<string, StoryActor>, actors: readonly Actor[], rank: ArticleRank) =>
  actors.map((actor) => {
    const folded = addArticleActor(known.get(actor.id) ?? null, { ...actor, mentionCount: new Set(actor.mentions).size }, rank);
    return { actor: folded, nameKeys: namesTaken(folded, actor, rank) };
  });

/** Story actors from their rows and their names' rows. */
export function fromRows(rows: readonly StoryActorColumns[], names: readonly ActorNameColumns[]): StoryActor[] {
  const byId = new Map<string, StoryActor>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      kind: r.kind,
      name: r.name,
      nameRank: { ms: r.nameMs, pk: r.namePk },
      fullName: r.fullName,
      role: r.role,
      roleRank: r.rolePk === null ? null : { ms: r.roleMs, pk: r.rolePk },
      affiliation: r.affiliation,
      affiliationRank: r.affiliationPk === null ? null : { ms: r.affiliationMs, pk: r.affiliationPk },
      names: new Map(),
      mentionCount: r.mentionCount,
      articleCount: r.articleCount,
    });
  }
  for (const n of names) byId.get(n.actorId)?.names.set(n.nameKey, { name: n.name, rank: { ms: n.articleMs, pk: n.articlePk }, slot: n.slot });
  return [...byId.values()];
}
