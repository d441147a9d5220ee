import { identityKey } from "../extract/identity.js";
import type { StoryActor } from "./story-actors.js";

/** What candidates are looked up by (story-actors.ts lookupKeys). */
export interface LookupKeys {
  identities: readonly string[];
  names: readonly string[];
}

/** Held actors beyond which a story is let go and read afresh: a long story meets thousands of people. */
const MOST_HELD = 5000;

/**
 * The story actors one connection has looked up and written, and which of them each lookup key
 * found, so that filing an article's actors reads only keys it has not met before: a story's
 * articles name the same people again and again. Only keys once read are answered here; a key
 * never looked up is read from the store, which holds this connection's writes too. The store says
 * when it is stale (another connection's commit, a rolled-back write, a rebuild) and drops it.
 * Pure: reading is the caller's.
 */
export function storyActorCache() {
  interface Held {
    byId: Map<string, StoryActor>;
    /** Every key read so far, with the ids of the actors it finds (persons and organisations by identity, organisations also by name). */
    byIdentity: Map<string, Set<string>>;
    byName: Map<string, Set<string>>;
  }
  const stories = new Map<string, Held>();

  // The row's identity key is its fullest name's (story-actors.ts storyActorValues); an organisation is also found by each of its names.
  const identityOf = (actor: StoryActor) => identityKey({ name: actor.fullName, kind: actor.kind });
  const namesOf = (actor: StoryActor) => (actor.kind === "organisation" ? [...actor.names.keys()] : []);

  function held(story: string): Held {
    let found = stories.get(story);
    if (!found || found.byId.size > MOST_HELD) stories.set(story, (found = { byId: new Map(), byIdentity: new Map(), byName: new Map() }));
    return found;
  }

  /** Files the actor under the keys already read that find it, and out of those that no longer do. */
  function put(story: Held, actor: StoryActor): void {
    const previous = story.byId.get(actor.id);
    if (previous) {
      story.byIdentity.get(identityOf(previous))?.delete(actor.id);
      for (const key of namesOf(previous)) story.byName.get(key)?.delete(actor.id);
    }
    story.byId.set(actor.id, actor);
    story.byIdentity.get(identityOf(actor))?.add(actor.id);
    for (const key of namesOf(actor)) story.byName.get(key)?.add(actor.id);
  }

  return {
    /**
     * The story actors these keys find: `read` is asked only for the keys not read before (the
     * store's candidate query), and what it finds is held for the next article.
     */
    candidates(story: string, keys: LookupKeys, read: (missing: LookupKeys) => readonly StoryActor[]): StoryActor[] {
      const state = held(story);
      const missing = { identities: keys.identities.filter((k) => !state.byIdentity.has(k)), names: keys.names.filter((k) => !state.byName.has(k)) };
      if (missing.identities.length + missing.names.length) {
        const found = read(missing).map((actor) => state.byId.get(actor.id) ?? actor);
        for (const key of missing.identities) state.byIdentity.set(key, new Set(found.filter((a) => identityOf(a) === key).map((a) => a.id)));
        for (const key of missing.names) state.byName.set(key, new Set(found.filter((a) => namesOf(a).includes(key)).map((a) => a.id)));
        for (const actor of found) state.byId.set(actor.id, actor);
      }
      const ids = new Set([
        ...keys.identities.flatMap((k) => [...(state.byIdentity.get(k) ?? [])]),
        ...keys.names.flatMap((k) => [...(state.byName.get(k) ?? [])]),
      ]);
      return [...ids].sort().flatMap((id) => state.byId.get(id) ?? []);
    },
    /** A held story actor, if this connection has read or written it. */
    get: (story: string, id: string): StoryActor | undefined => stories.get(story)?.byId.get(id),
    /** A story actor this connection has just written. */
    written(story: string, actor: StoryActor): void {
      const state = stories.get(story);
      if (state) put(state, actor);
    },
    drop(story: string): void {
      stories.delete(story);
    },
    clear(): void {
      stories.clear();
    },
  };
}

export type StoryActorCache = ReturnType<typeof storyActorCache>;
