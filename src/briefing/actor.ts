import type { Store } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef, timeOrder } from "./source.js";
import type { ActorView } from "./views.js";

/** Who an actor is and what the sources say they did, in time order; any alias or role resolves. */
export function actorView(store: Store, story: StoryConfig, query: string): ActorView {
  const actor = store.findActor(story.slug, query);
  if (!actor) return { story: storyRef(story), query, actor: null };
  const articles = new Map(actor.articles.map((a) => [a.id, a]));
  const mentions = actor.mentions
    .flatMap((m) => {
      const article = articles.get(m.articleId);
      return article ? [{ text: m.text, at: m.at ?? article.asOf, unverified: m.unverified, source: sourceOf(article) }] : [];
    })
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
