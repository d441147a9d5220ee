import type { AnalyzedArticle, Entity } from "../analyse/index.js";
import type { Actor } from "./facts.js";

/**
 * The people and organisations in the news of one article: named people, and bodies that act,
 * speak, are cited or hold an office someone is given ("head of the National Security Council").
 * Countries, places, media, unnamed office holders ("the mayor") and a body only named in passing
 * as a modifier ("Russian Air Force aircraft") are not actors.
 */

/** Bodies that do something in the article: the agent of a verb, a cited source, or the owner of an office. */
function actingEntities(analysis: AnalyzedArticle): Set<number> {
  const acting = new Set<number>();
  for (const sentence of analysis.sentences) {
    analysis.budget.check("actors");
    for (const p of sentence.predicates) {
      if (p.agent !== null) acting.add(sentence.mentions[p.agent]!.entity);
    }
    sentence.tokens.forEach((t, i) => {
      // "according to the interior ministry", "citing the health ministry".
      if (t.lower === "according" || t.lemma === "cite" || t.lemma === "quote") {
        const next = sentence.mentions.find((m) => m.start > i && m.start <= i + 6);
        if (next) acting.add(next.entity);
      }
    });
  }
  return acting;
}

/** A mention that only describes the noun after it ("the CSTO video conference", "Air Force aircraft"). */
function onlyModifies(analysis: AnalyzedArticle, entity: Entity): boolean {
  return entity.mentions.every((m) => {
    const next = analysis.sentences[m.sentence]!.tokens[m.end];
    return next !== undefined && (next.pos === "NOUN" || (next.pos === "PROPN" && !next.capitalised)) && next.lemma !== "'s";
  });
}

function isActor(analysis: AnalyzedArticle, entity: Entity, acting: ReadonlySet<number>, owners: ReadonlySet<string>): boolean {
  if (entity.roleOnly) return false;
  if (entity.kind === "person") {
    const named = entity.name.split(/\s+/).length >= 2 || entity.role !== null;
    return named || acting.has(entity.index);
  }
  if (entity.kind !== "organisation") return false;
  if (acting.has(entity.index) || owners.has(entity.name)) return true;
  // A body the gazetteer knows (the alliance at the heart of the story) counts when the text does more than describe with it.
  const known = entity.mentions.some((m) => m.origin === "gazetteer");
  return known && !onlyModifies(analysis, entity);
}

function slug(name: string): string {
  const folded = name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const ascii = folded.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  // A Cyrillic or other non-Latin name has no ASCII letters at all; an empty id would fail the
  // whole article's validation, so such names keep their own letters.
  return ascii || folded.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
}

export function extractActors(analysis: AnalyzedArticle): Actor[] {
  const acting = actingEntities(analysis);
  // Bodies an office belongs to ("head of the National Security Council", "Kremlin spokesman").
  const roles = analysis.entities.flatMap((e) => (e.kind === "person" && e.role ? [e.role.text.toLowerCase()] : []));
  const owners = new Set(analysis.entities.flatMap((e) => (e.kind === "person" && e.affiliation?.kind === "organisation" ? [e.affiliation.name] : [])));
  for (const e of analysis.entities) if (e.kind === "organisation" && roles.some((r) => r.includes(e.name.toLowerCase()))) owners.add(e.name);
  return analysis.entities
    .filter((e) => isActor(analysis, e, acting, owners))
    .map((e) => {
      const name = e.name;
      return {
        id: slug(name),
        name,
        aliases: e.aliases.filter((a) => a !== name),
        role: e.role?.text ?? null,
        kind: e.kind === "person" ? ("person" as const) : ("organisation" as const),
        affiliation: e.affiliation?.name ?? null,
        mentions: [...new Set(e.mentions.map((m) => m.sentence))].sort((a, b) => a - b),
      };
    });
}
