import type { Actor } from "../../extract/facts.js";
import {
  ACTOR_NAME_WIDTH,
  STORY_ACTOR_WIDTH,
  actorNameColumns,
  actorNameValues,
  addArticleActor,
  foldArticleActors,
  fromRows,
  lookupKeys,
  namesTaken,
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

/** `$1, $2, …` for `n` values; several rows are written as one statement each (a few per article). */
const places = (n: number) => `VALUES (${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(", ")})`;

async function load(client: Client | Pool, story: string, where: string, params: unknown[]): Promise<StoryActor[]> {
  const { rows } = await client.query<StoryActorColumns>(`SELECT ${storyActorColumns} FROM story_actors x WHERE x.story = $1 AND ${where}`, [story, ...params]);
  if (rows.length === 0) return [];
  const names = await client.query<ActorNameColumns>(
    `SELECT ${actorNameColumns} FROM story_actor_names n WHERE n.story = $1 AND n.actor_id = ANY($2::text[])`,
    [story, rows.map((r) => r.id)],
  );
  return fromRows(rows, names.rows);
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

async function write(client: Client, story: string, actor: StoryActor, nameKeys: Iterable<string> = actor.names.keys()): Promise<void> {
  await client.query(upsertStoryActor(places(STORY_ACTOR_WIDTH)), storyActorValues(story, actor));
  for (const key of nameKeys) await client.query(upsertActorName(places(ACTOR_NAME_WIDTH)), actorNameValues(story, actor.id, key, actor.names.get(key)!));
}

/** Folds a new article's (already assigned) actors into the story's. */
export async function addArticleActors(client: Client, story: string, actors: readonly Actor[], rank: ArticleRank): Promise<void> {
  if (actors.length === 0) return;
  const known = new Map((await load(client, story, "x.id = ANY($2::text[])", [actors.map((a) => a.id)])).map((a) => [a.id, a]));
  for (const actor of actors) {
    const folded = addArticleActor(known.get(actor.id) ?? null, { ...actor, mentionCount: new Set(actor.mentions).size }, rank);
    await write(client, story, folded, namesTaken(folded, actor, rank));
  }
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
  for (const actor of actors.values()) await write(client, story, actor);
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
