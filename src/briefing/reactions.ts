import { vocabulary } from "../analyse/vocabulary.js";
import type { ActorIndexRow, BriefingReads } from "../store/index.js";
import { textKey } from "../store/keys.js";
import type { StoryConfig } from "../story/config.js";
import { consolidateReactions } from "../story/reactions.js";
import { sourceOf, storyRef } from "./source.js";
import type { ReactionView, ReactionsView } from "./views.js";

/** The actor index entry an actor name is, by name or alias. */
function identities(actors: readonly ActorIndexRow[]): (name: string) => string {
  const byName = new Map<string, string>();
  for (const a of actors) for (const n of [a.name, ...a.aliases]) if (!byName.has(textKey(n))) byName.set(textKey(n), a.id);
  return (name) => byName.get(textKey(name)) ?? `name:${textKey(name)}`;
}

/** Every name of the story's own country (its file may give a name or an ISO code). */
function homeNames(country: string | null): Set<string> {
  if (!country) return new Set();
  const key = textKey(country);
  const entry = vocabulary.countries.find((c) => c.code.toLowerCase() === key || c.names.some((n) => textKey(n) === key));
  return new Set([key, ...(entry ? [entry.name, ...entry.names].map(textKey) : [])]);
}

/**
 * International reactions grouped by country or organisation, one line per (actor, statement)
 * across the story with how many sources reported it. The story's own country is not
 * international: its officials' words are in the summary and on their actor pages. With `actor`,
 * only that actor's (any alias resolves) or that country's/organisation's.
 */
export async function reactionsView(store: BriefingReads, story: StoryConfig, actor?: string | null): Promise<ReactionsView> {
  const query = actor?.trim() || null;
  const resolved = query ? await store.findActor(story.slug, query) : null;
  const identityOf = identities(await store.actorIndex(story.slug));
  const reports = (await store.distinctReactions(story.slug)).map((row) => ({
    ...row,
    identity: identityOf(row.actor),
    source: sourceOf(row.article),
  }));
  const home = homeNames(story.country);
  const wanted = (s: { actor: string; countryOrOrg: string; identity: string }) =>
    !query ||
    (resolved ? s.identity === resolved.id || s.actor === resolved.name : false) ||
    textKey(s.countryOrOrg) === textKey(query) ||
    textKey(s.actor) === textKey(query);
  const groups = new Map<string, ReactionView[]>();
  for (const s of consolidateReactions(reports)) {
    if (home.has(textKey(s.countryOrOrg))) continue;
    if (!wanted({ ...s, identity: s.report.identity })) continue;
    const list = groups.get(s.countryOrOrg) ?? [];
    list.push({ actor: s.actor, countryOrOrg: s.countryOrOrg, gist: s.gist, quote: s.quote, at: s.report.at, source: s.report.source, sources: s.sources });
    groups.set(s.countryOrOrg, list);
  }
  return {
    story: storyRef(story),
    actor: resolved?.name ?? query,
    groups: [...groups.entries()].map(([countryOrOrg, reactions]) => ({ countryOrOrg, reactions })),
  };
}
