import type { Actor } from "../../extract/facts.js";
import {
  ACTOR_NAME_WIDTH,
  STORY_ACTOR_WIDTH,
  actorNameColumns,
  actorNameValues,
  foldArticleActors,
  foldNewArticle,
  fromRows,
  lookupKeys,
  storyActorColumns,
  storyActorValues,
  upsertActorName,
  upsertStoryActor,
  type ActorNameColumns,
  type ArticleActor,
  type ArticleRank,
  type StoryActor,
  type StoryActorColumns,
} from "../story-actors.js";
import { LockClass, inTransaction, lockInSchema, type Client, type Pool } from "./db.js";

/** The story actor rows on PostgreSQL, the twin of sqlite/story-actors.ts: a handful of round trips per article. */

/** `VALUES ($1, …), ($n + 1, …)…`: `rows` rows of `width` values each. */
const places = (rows: number, width: number) =>
  `VALUES ${Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, i) => `$${r * width + i + 1}`).join(", ")})`).join(", ")}`;

/** Rows per statement: far below PostgreSQL's 65,535 parameters at the widest row. */
const ROWS_PER_STATEMENT = 500;

/** Story actors with their names, in one round trip: each actor's names come as a JSON column. */
async function load(client: Client | Pool, story: string, where: string, params: unknown[]): Promise<StoryActor[]> {
  const { rows } = await client.query<StoryActorColumns & { names: ActorNameColumns[] }>(
    `SELECT ${storyActorColumns}, (SELECT COALESCE(json_agg(n), '[]') FROM (
       SELECT ${actorNameColumns} FROM story_actor_names n WHERE n.story = x.story AND n.actor_id = x.id) n) AS names
     FROM story_actors x WHERE x.story = $1 AND ${where}`,
    [story, ...params],
  );
  return fromRows(
    rows,
    rows.flatMap((r) => r.names),
  );
}

/** The story's actors this article's actors could be (extract/identity.ts then decides). */
export function candidateActors(client: Client, story: string, actors: readonly Actor[]): Promise<StoryActor[]> {
  if (actors.length === 0) return Promise.resolve([]);
  const keys = lookupKeys(actors);
  return load(
    client,
    story,
    `(x.identity_key = ANY($2::text[]) OR (x.kind = 'organisation' AND x.id IN (
       SELECT n.actor_id FROM story_actor_names n WHERE n.story = $1 AND n.name_key = ANY($3::text[]))))`,
    [keys.identities, keys.names],
  );
}

/** Upserts rows of `width` values, ROWS_PER_STATEMENT to a statement. */
async function upsertRows(client: Client, upsert: (values: string) => string, width: number, rows: readonly unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    await client.query(upsert(places(chunk.length, width)), chunk.flat());
  }
}

/**
 * Writes story actors and the names each took, a statement per table rather than per row (an
 * article's dozen actors and their names were some thirty round trips). A row written twice is
 * written once, as the later write would leave it: one statement's ON CONFLICT cannot update a row twice.
 */
async function write(client: Client, story: string, writes: ReadonlyArray<{ actor: StoryActor; nameKeys?: Iterable<string> }>): Promise<void> {
  const actors = new Map(writes.map(({ actor }) => [actor.id, storyActorValues(story, actor)]));
  const names = new Map<string, unknown[]>();
  for (const { actor, nameKeys = actor.names.keys() } of writes) {
    for (const key of nameKeys) names.set(JSON.stringify([actor.id, key]), actorNameValues(story, actor.id, key, actor.names.get(key)!));
  }
  await upsertRows(client, upsertStoryActor, STORY_ACTOR_WIDTH, [...actors.values()]);
  await upsertRows(client, upsertActorName, ACTOR_NAME_WIDTH, [...names.values()]);
}

/**
 * Folds a new article's (already assigned) actors into the story's. `candidates` are the story
 * actors candidateActors read in this transaction, as they still are: only ids not among them are read.
 */
export async function addArticleActors(
  client: Client,
  story: string,
  actors: readonly Actor[],
  rank: ArticleRank,
  candidates: readonly StoryActor[],
): Promise<void> {
  if (actors.length === 0) return;
  const known = new Map(candidates.map((a) => [a.id, a]));
  const unread = [...new Set(actors.map((a) => a.id))].filter((id) => !known.has(id));
  if (unread.length) for (const actor of await load(client, story, "x.id = ANY($2::text[])", [unread])) known.set(actor.id, actor);
  await write(client, story, foldNewArticle(known, actors, rank));
}

/** Rebuilds these story actors from every article's rows about them; one no article names any more goes. */
export async function rebuildActors(client: Client, story: string, ids: readonly string[]): Promise<void> {
  await client.query("DELETE FROM story_actors WHERE story = $1 AND id = ANY($2::text[])", [story, ids]);
  const { rows } = await client.query<Omit<ArticleActor, "aliases"> & { ms: number | null; pk: number; aliases: string[] }>(
    `SELECT x.id, x.name, x.role, x.kind, x.affiliation, a.as_of_ms AS ms, a.pk,
       (SELECT COUNT(*) FROM actor_mentions m WHERE m.article_pk = x.article_pk AND m.actor_id = x.id)::int AS "mentionCount",
       ARRAY(SELECT l.alias FROM actor_aliases l WHERE l.article_pk = x.article_pk AND l.actor_id = x.id ORDER BY l.ord) AS aliases
     FROM actors x JOIN articles a ON a.pk = x.article_pk
     WHERE x.id = ANY($2::text[]) AND a.story = $1`,
    [story, ids],
  );
  const actors = foldArticleActors(rows.map(({ ms, pk, ...row }) => ({ ...row, rank: { ms, pk } })));
  await write(
    client,
    story,
    [...actors.values()].map((actor) => ({ actor })),
  );
}

/** Those the story's articles name, and those they named: one no article names any more is deleted by its rebuild. */
async function everyId(client: Client, story: string): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    "SELECT x.id FROM actors x JOIN articles a ON a.pk = x.article_pk WHERE a.story = $1 UNION SELECT id FROM story_actors WHERE story = $1",
    [story],
  );
  return rows.map((r) => r.id);
}

/** Leaves the story's actors to settleActors, in the caller's transaction; a later mark moves `since`. */
export async function deferActors(client: Client, story: string): Promise<void> {
  await client.query("INSERT INTO story_actors_to_fill (story, since) VALUES ($1, $2) ON CONFLICT (story) DO UPDATE SET since = excluded.since", [
    story,
    new Date().toISOString(),
  ]);
}

/** Story actors rebuilt per transaction when a re-extracted story is settled. */
const SETTLE_CHUNK = 100;

/** Rebuilds the actors of a story marked by deferActors, SETTLE_CHUNK ids to a transaction; a mark made meanwhile stays. */
export async function settleActors(pool: Pool, story: string): Promise<void> {
  const marked = await pool.query<{ since: string }>("SELECT since FROM story_actors_to_fill WHERE story = $1", [story]);
  const since = marked.rows[0]?.since;
  if (since === undefined) return;
  const client = await pool.connect();
  let ids: string[];
  try {
    ids = await everyId(client, story);
  } finally {
    client.release();
  }
  for (let start = 0; start < ids.length; start += SETTLE_CHUNK) {
    await inTransaction(pool, async (tx) => {
      await lockInSchema(tx, LockClass.ingest, story);
      await rebuildActors(tx, story, ids.slice(start, start + SETTLE_CHUNK));
      await tx.query("UPDATE store_version SET n = n + 1");
    });
  }
  await pool.query("DELETE FROM story_actors_to_fill WHERE story = $1 AND since = $2", [story, since]);
}

/** Fills the rows of stories stored before the story actor table existed (migration 007), or left to settle by a run that ended first, each in its own transaction. */
export async function fillPendingActors(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ story: string }>("SELECT story FROM story_actors_to_fill");
  for (const { story } of rows) {
    await inTransaction(pool, async (client) => {
      await lockInSchema(client, LockClass.ingest, story);
      const pending = await client.query("DELETE FROM story_actors_to_fill WHERE story = $1", [story]);
      // Another process filled it meanwhile.
      if (!pending.rowCount) return;
      await rebuildActors(client, story, await everyId(client, story));
    });
  }
}

/** Every story actor of the story. */
export const allActors = (pool: Pool, story: string): Promise<StoryActor[]> => load(pool, story, "TRUE", []);
