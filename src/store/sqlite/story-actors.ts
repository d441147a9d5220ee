import type { Actor } from "../../extract/facts.js";
import type { Db } from "./db.js";
import { storyActorCache } from "../story-actor-cache.js";
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

/** Story actors rebuilt per transaction when a re-extracted story is settled. */
const SETTLE_CHUNK = 100;

/** The story actor rows on SQLite: found, folded into and rebuilt inside the caller's transaction. */
export function storyActorRows(db: Db) {
  const candidateRows = db.prepare<[string, string, string, string, string], StoryActorColumns>(
    `SELECT ${storyActorColumns} FROM story_actors x WHERE x.story = ? AND x.identity_key IN (SELECT value FROM json_each(?))
     UNION
     SELECT ${storyActorColumns} FROM story_actors x
     WHERE x.story = ? AND x.kind = 'organisation'
       AND x.id IN (SELECT n.actor_id FROM story_actor_names n WHERE n.story = ? AND n.name_key IN (SELECT value FROM json_each(?)))`,
  );
  const byIds = db.prepare<[string, string], StoryActorColumns>(
    `SELECT ${storyActorColumns} FROM story_actors x WHERE x.story = ? AND x.id IN (SELECT value FROM json_each(?))`,
  );
  const namesOfIds = db.prepare<[string, string], ActorNameColumns>(
    `SELECT ${actorNameColumns} FROM story_actor_names n WHERE n.story = ? AND n.actor_id IN (SELECT value FROM json_each(?))`,
  );
  const places = (n: number) => `VALUES (${Array(n).fill("?").join(", ")})`;
  const upsertActor = db.prepare(upsertStoryActor(places(STORY_ACTOR_WIDTH)));
  const upsertName = db.prepare(upsertActorName(places(ACTOR_NAME_WIDTH)));
  const allActors = db.prepare<[string], StoryActorColumns>(`SELECT ${storyActorColumns} FROM story_actors x WHERE x.story = ?`);
  const allNames = db.prepare<[string], ActorNameColumns>(`SELECT ${actorNameColumns} FROM story_actor_names n WHERE n.story = ?`);
  const deleteActors = db.prepare<[string, string]>("DELETE FROM story_actors WHERE story = ? AND id IN (SELECT value FROM json_each(?))");
  // Every article's facts about these actors, for rebuilding them (CROSS JOIN: off the id index).
  const articleActors = db.prepare<[string, string], Omit<ArticleActor, "aliases"> & { ms: number | null; pk: number; aliases: string }>(
    `SELECT x.id, x.name, x.role, x.kind, x.affiliation, a.as_of_ms AS ms, a.pk,
       (SELECT COUNT(*) FROM actor_mentions m WHERE m.article_pk = x.article_pk AND m.actor_id = x.id) AS mentionCount,
       (SELECT json_group_array(alias) FROM (SELECT l.alias FROM actor_aliases l WHERE l.article_pk = x.article_pk AND l.actor_id = x.id ORDER BY l.ord)) AS aliases
     FROM json_each(?) j CROSS JOIN actors x ON x.id = j.value CROSS JOIN articles a ON a.pk = x.article_pk
     WHERE a.story = ?`,
  );
  const storyIds = db.prepare<[string], string>("SELECT DISTINCT x.id FROM actors x JOIN articles a ON a.pk = x.article_pk WHERE a.story = ?").pluck();
  const toFill = db.prepare<[], string>("SELECT story FROM story_actors_to_fill").pluck();
  const filled = db.prepare<[string]>("DELETE FROM story_actors_to_fill WHERE story = ?");
  const pendingSince = db.prepare<[string], string>("SELECT since FROM story_actors_to_fill WHERE story = ?").pluck();
  const settled = db.prepare<[string, string]>("DELETE FROM story_actors_to_fill WHERE story = ? AND since = ?");
  // A later mark moves `since`, so a settling pass that began before it leaves the mark in place.
  const markPending = db.prepare<[string, string]>(
    "INSERT INTO story_actors_to_fill (story, since) VALUES (?, ?) ON CONFLICT (story) DO UPDATE SET since = excluded.since",
  );
  const storyActorIds = db.prepare<[string], string>("SELECT id FROM story_actors WHERE story = ?").pluck();
  // Those the articles name, and those they named: one no article names any more is deleted by its rebuild.
  const everyId = (story: string) => [...new Set([...storyIds.all(story), ...storyActorIds.all(story)])];

  // What this connection read and wrote, until another connection commits (PRAGMA data_version moves).
  const cache = storyActorCache();
  const dataVersion = db.prepare<[], number>("PRAGMA data_version").pluck();
  let seenVersion: number | undefined;

  const load = (story: string, ids: readonly string[]): StoryActor[] => {
    const json = JSON.stringify(ids);
    return fromRows(byIds.all(story, json), namesOfIds.all(story, json));
  };

  function write(story: string, actor: StoryActor, nameKeys: Iterable<string> = actor.names.keys()): void {
    upsertActor.run(...storyActorValues(story, actor));
    for (const key of nameKeys) upsertName.run(...actorNameValues(story, actor.id, key, actor.names.get(key)!));
    cache.written(story, actor);
  }

  /** Rebuilds these story actors from every article's rows about them; one no article names any more goes. */
  function rebuild(story: string, ids: readonly string[]): void {
    cache.drop(story);
    const json = JSON.stringify(ids);
    deleteActors.run(story, json);
    const rows = articleActors.all(json, story).map(({ ms, pk, aliases, ...row }) => ({
      ...row,
      aliases: JSON.parse(aliases) as string[],
      rank: { ms, pk },
    }));
    for (const actor of foldArticleActors(rows).values()) write(story, actor);
  }

  return {
    /** The story's actors this article's actors could be (extract/identity.ts then decides). */
    candidates(story: string, actors: readonly Actor[]): StoryActor[] {
      const version = dataVersion.get();
      if (version !== seenVersion) cache.clear();
      seenVersion = version;
      return cache.candidates(story, lookupKeys(actors), (keys) => {
        const rows = candidateRows.all(story, JSON.stringify(keys.identities), story, story, JSON.stringify(keys.names));
        return fromRows(rows, namesOfIds.all(story, JSON.stringify(rows.map((r) => r.id))));
      });
    },
    /**
     * Folds a new article's (already assigned) actors into the story's. `candidates` are the story
     * actors `candidates` found for them: what they hold is not read again, only ids beyond them.
     */
    add(story: string, actors: readonly Actor[], rank: ArticleRank, candidates: readonly StoryActor[]): void {
      const known = new Map(candidates.map((a) => [a.id, a]));
      for (const { id } of actors) {
        const held = known.has(id) ? undefined : cache.get(story, id);
        if (held) known.set(id, held);
      }
      const unread = actors.map((a) => a.id).filter((id) => !known.has(id));
      if (unread.length) for (const actor of load(story, unread)) known.set(actor.id, actor);
      for (const { actor, nameKeys } of foldNewArticle(known, actors, rank)) write(story, actor, nameKeys);
    },
    rebuild,
    /** Leaves the story's actors to `settle`, in the caller's transaction: its articles' facts changed, their story actors are stale. */
    defer(story: string): void {
      cache.drop(story);
      markPending.run(story, new Date().toISOString());
    },
    /**
     * Rebuilds the actors of a story marked by `defer`, SETTLE_CHUNK ids to a transaction and
     * yielding between them, so a whole story's rebuild does not hold the event loop at once.
     */
    async settle(story: string): Promise<void> {
      const since = pendingSince.get(story);
      if (since === undefined) return;
      const ids = everyId(story);
      for (let start = 0; start < ids.length; start += SETTLE_CHUNK) {
        db.transaction(() => rebuild(story, ids.slice(start, start + SETTLE_CHUNK))).immediate();
        await new Promise((resolve) => setImmediate(resolve));
      }
      settled.run(story, since);
    },
    /** Fills the rows of stories stored before the story actor table existed (migration 007), or left to settle by a run that ended first. */
    fillPending(): void {
      for (const story of toFill.all()) {
        db.transaction(() => {
          rebuild(story, everyId(story));
          filled.run(story);
        }).immediate();
      }
    },
    /** Forgets what this connection read: a write it made was rolled back. */
    forget(): void {
      cache.clear();
    },
    /** Every story actor of the story. */
    all(story: string): StoryActor[] {
      return fromRows(allActors.all(story), allNames.all(story));
    },
  };
}

export type StoryActorRows = ReturnType<typeof storyActorRows>;
