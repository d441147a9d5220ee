import type { BriefingReads } from "../store/index.js";
import { textKey } from "../store/keys.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef } from "./source.js";
import type { ReactionView, ReactionsView } from "./views.js";

/**
 * International reactions grouped by country or organisation. With `actor`, only that actor's (any
 * alias resolves) or that country's/organisation's. The same statement reported by several articles
 * is listed once, from the newest.
 */
export async function reactionsView(store: BriefingReads, story: StoryConfig, actor?: string | null): Promise<ReactionsView> {
  const query = actor?.trim() || null;
  const resolved = query ? await store.findActor(story.slug, query) : null;
  const wanted = (r: { actor: string; countryOrOrg: string }) =>
    !query ||
    (resolved ? r.actor === resolved.name : false) ||
    textKey(r.countryOrOrg) === textKey(query) ||
    textKey(r.actor) === textKey(query);
  const seen = new Set<string>();
  const groups = new Map<string, ReactionView[]>();
  // Already one row per actor, country and statement; the same statement worded by another actor name is merged here.
  for (const row of await store.distinctReactions(story.slug)) {
    if (!wanted(row)) continue;
    const key = `${textKey(row.actor)}|${textKey(row.gist)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = groups.get(row.countryOrOrg) ?? [];
    list.push({ actor: row.actor, countryOrOrg: row.countryOrOrg, gist: row.gist, quote: row.quote, at: row.at, source: sourceOf(row.article) });
    groups.set(row.countryOrOrg, list);
  }
  return {
    story: storyRef(story),
    actor: resolved?.name ?? query,
    groups: [...groups.entries()].map(([countryOrOrg, reactions]) => ({ countryOrOrg, reactions })),
  };
}
