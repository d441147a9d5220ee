import type { BriefingReads } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { clusterReports } from "../story/developments.js";
import { leadLine } from "../story/who.js";
import { sourceOf, storyRef, timeOrder } from "./source.js";
import { toDevelopment } from "./summary.js";
import type { ActorView } from "./views.js";

/** The newest sentences about an actor a profile reads: enough for every page a reader turns. */
export const ACTOR_MENTIONS = 250;

/**
 * Who an actor is, then what the sources say they did and said: one dated line per development
 * across outlets, in time order; any alias or role resolves.
 */
export async function actorView(store: BriefingReads, story: StoryConfig, query: string): Promise<ActorView> {
  const actor = await store.findActor(story.slug, query);
  if (!actor) return { story: storyRef(story), query, actor: null };
  const mentions = (await store.actorMentions(story.slug, actor.id, ACTOR_MENTIONS)).map((m) => ({
    text: m.text,
    at: m.at ?? m.article.asOf,
    unverified: m.unverified,
    score: 0,
    source: sourceOf(m.article),
    articleId: m.article.id,
  }));
  const developments = clusterReports(mentions)
    .map((d) => ({ ...toDevelopment(d), first: d.first }))
    .sort((a, b) => a.first - b.first || timeOrder(a.at) - timeOrder(b.at))
    .map(({ first: _first, ...d }) => d);
  return {
    story: storyRef(story),
    query,
    actor: {
      name: actor.name,
      role: actor.role,
      kind: actor.kind,
      affiliation: actor.affiliation,
      aliases: actor.aliases,
      lead: leadLine(actor.role, actor.affiliation),
      mentions: developments,
      articles: new Set(mentions.map((m) => m.articleId)).size,
    },
  };
}
