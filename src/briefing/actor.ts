import type { BriefingReads } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef, timeOrder } from "./source.js";
import type { ActorView } from "./views.js";

/** The newest sentences about an actor a profile shows: enough for every page a reader turns. */
export const ACTOR_MENTIONS = 250;

/** Who an actor is and what the sources say they did, in time order; any alias or role resolves. */
export async function actorView(store: BriefingReads, story: StoryConfig, query: string): Promise<ActorView> {
  const actor = await store.findActor(story.slug, query);
  if (!actor) return { story: storyRef(story), query, actor: null };
  const mentions = (await store.actorMentions(story.slug, actor.id, ACTOR_MENTIONS))
    .map((m) => ({ text: m.text, at: m.at ?? m.article.asOf, unverified: m.unverified, source: sourceOf(m.article) }))
    .sort((a, b) => timeOrder(a.at) - timeOrder(b.at));
  return {
    story: storyRef(story),
    query,
    actor: {
      name: actor.name,
      role: actor.role,
      kind: actor.kind,
      affiliation: actor.affiliation,
      aliases: actor.aliases,
      mentions,
    },
  };
}
