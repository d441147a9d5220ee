import type { ActorKind, FigureCategory, Qualifier } from "../extract/facts.js";
import type { Db } from "./db.js";
import { nameKey } from "./keys.js";
import type {
  ActorRow,
  ArticleRef,
  ArticleRow,
  FigureRow,
  ReactionRow,
  SentenceRow,
  StoryRow,
  SummaryRow,
  TimelineRow,
  VideoRow,
} from "./store.js";
import { Update } from "./updates.js";

/** Columns every cited row carries, and the newest-article-first order all lists share. */
export const articleColumns = "a.id AS articleId, a.title AS articleTitle, a.url AS articleUrl, a.outlet AS articleOutlet, a.as_of AS articleAsOf";
// DESC already puts NULLs last in SQLite; spelling it out kept the planner off the (story, as_of_ms, pk) index.
export const newestArticleFirst = "a.as_of_ms DESC, a.pk DESC";

export interface ArticleColumns {
  articleId: string;
  articleTitle: string;
  articleUrl: string | null;
  articleOutlet: string | null;
  articleAsOf: string | null;
}

export function cite<T extends ArticleColumns>(row: T): Omit<T, keyof ArticleColumns> & { article: ArticleRef } {
  const { articleId, articleTitle, articleUrl, articleOutlet, articleAsOf, ...rest } = row;
  return { ...rest, article: { id: articleId, title: articleTitle, url: articleUrl, outlet: articleOutlet, asOf: articleAsOf } };
}

export const bool = (value: number): boolean => value === 1;

/** The reads behind the commands, prepared once per connection. */
export function storyReader(db: Db) {
  const stories = db.prepare<[], StoryRow>(
    `SELECT story, COUNT(*) AS articleCount, MAX(updated_at) AS lastIngestedAt FROM articles GROUP BY story ORDER BY story`,
  );
  const articles = db.prepare<[string], ArticleRow>(
    `SELECT a.id, a.title, a.url, a.outlet, a.as_of AS asOf, a.story, a.content_hash AS contentHash, a.language, a.origin,
       a.first_seen_at AS firstSeenAt, a.updated_at AS updatedAt
     FROM articles a WHERE a.story = ? ORDER BY ${newestArticleFirst}`,
  );
  const figures = db.prepare<
    [string],
    ArticleColumns & {
      category: FigureCategory;
      count: number;
      qualifier: Qualifier;
      who: string | null;
      unit: string | null;
      attributedTo: string | null;
      asOf: string | null;
      unverified: number;
      sentence: string;
      sentenceIndex: number;
    }
  >(
    `SELECT f.category, f.count, f.qualifier, f.who, f.unit, f.attributed_to AS attributedTo, f.as_of AS asOf,
       f.unverified, f.sentence, f.sentence_index AS sentenceIndex, ${articleColumns}
     FROM figures f JOIN articles a ON a.pk = f.article_pk WHERE a.story = ? ORDER BY ${newestArticleFirst}, f.ord`,
  );
  const reactions = db.prepare<
    [string],
    ArticleColumns & {
      actor: string;
      countryOrOrg: string;
      gist: string;
      quote: string | null;
      at: string | null;
      sentence: string;
      sentenceIndex: number;
    }
  >(
    `SELECT r.actor, r.country_or_org AS countryOrOrg, r.gist, r.quote, r.at, r.sentence, r.sentence_index AS sentenceIndex,
       ${articleColumns}
     FROM reactions r JOIN articles a ON a.pk = r.article_pk WHERE a.story = ? ORDER BY ${newestArticleFirst}, r.ord`,
  );
  const videos = db.prepare<
    [string],
    ArticleColumns & {
      title: string;
      reporter: string | null;
      outlet: string | null;
      programme: string | null;
      airedAt: string | null;
      url: string | null;
    }
  >(
    `SELECT v.title, v.reporter, v.outlet, v.programme, v.aired_at AS airedAt, v.url, ${articleColumns}
     FROM videos v JOIN articles a ON a.pk = v.article_pk WHERE a.story = ? ORDER BY ${newestArticleFirst}, v.ord`,
  );
  const summary = db.prepare<
    [string, number],
    ArticleColumns & { text: string; sentenceIndex: number; score: number; at: string | null; unverified: number }
  >(
    `SELECT m.text, m.sentence_index AS sentenceIndex, m.score, s.at, s.unverified, ${articleColumns}
     FROM summary m
     JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
     JOIN articles a ON a.pk = m.article_pk
     WHERE a.story = ? ORDER BY ${newestArticleFirst}, m.score DESC, m.ord LIMIT ?`,
  );
  const timeline = db.prepare<[string], ArticleColumns & { at: string; text: string; sentenceIndex: number; unverified: number }>(
    `SELECT t.at, t.text, t.sentence_index AS sentenceIndex, s.unverified, ${articleColumns}
     FROM timeline t
     JOIN sentences s ON s.article_pk = t.article_pk AND s.idx = t.sentence_index
     JOIN articles a ON a.pk = t.article_pk WHERE a.story = ?
     ORDER BY t.at_ms NULLS LAST, t.at, a.pk, t.ord`,
  );
  const sentences = db.prepare<
    [string],
    ArticleColumns & { index: number; block: number; text: string; at: string | null; unverified: number; heading: number | null }
  >(
    `SELECT s.idx AS "index", s.block, s.text, s.at, s.unverified, s.heading, ${articleColumns}
     FROM sentences s JOIN articles a ON a.pk = s.article_pk WHERE a.story = ? ORDER BY ${newestArticleFirst}, s.idx`,
  );
  const actors = db.prepare<
    [string],
    ArticleColumns & {
      articlePk: number;
      id: string;
      name: string;
      role: string | null;
      kind: ActorKind;
      affiliation: string | null;
    }
  >(
    `SELECT x.article_pk AS articlePk, x.id, x.name, x.role, x.kind, x.affiliation, ${articleColumns}
     FROM actors x JOIN articles a ON a.pk = x.article_pk WHERE a.story = ? ORDER BY ${newestArticleFirst}, x.ord`,
  );
  const aliases = db.prepare<[string], { articlePk: number; actorId: string; alias: string }>(
    `SELECT l.article_pk AS articlePk, l.actor_id AS actorId, l.alias
     FROM actor_aliases l JOIN articles a ON a.pk = l.article_pk WHERE a.story = ? ORDER BY l.article_pk, l.actor_id, l.ord`,
  );
  const mentions = db.prepare<
    [string],
    { articlePk: number; actorId: string; articleId: string; sentenceIndex: number; text: string; at: string | null; unverified: number }
  >(
    `SELECT m.article_pk AS articlePk, m.actor_id AS actorId, a.id AS articleId, m.sentence_index AS sentenceIndex, s.text, s.at,
       s.unverified
     FROM actor_mentions m
     JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
     JOIN articles a ON a.pk = m.article_pk
     WHERE a.story = ? ORDER BY ${newestArticleFirst}, m.sentence_index`,
  );
  const updates = db.prepare<
    [string, number],
    { id: number; story: string; articleId: string; articleTitle: string; articleUrl: string | null; createdAt: string; payload: string }
  >(
    `SELECT id, story, article_id AS articleId, article_title AS articleTitle, article_url AS articleUrl, created_at AS createdAt,
       payload
     FROM updates WHERE story = ? AND id > ? ORDER BY id`,
  );

  function mergedActors(story: string): ActorRow[] {
    const aliasesOf = groupBy(aliases.all(story), (r) => `${r.articlePk}|${r.actorId}`);
    const mentionsOf = groupBy(mentions.all(story), (r) => r.actorId);
    const merged = new Map<string, { actor: ActorRow; nameKeys: Set<string> }>();
    for (const row of actors.all(story)) {
      const { article } = cite(row);
      const names = [row.name, ...(aliasesOf.get(`${row.articlePk}|${row.id}`) ?? []).map((r) => r.alias)];
      let entry = merged.get(row.id);
      if (!entry) {
        const actor: ActorRow = {
          id: row.id,
          name: row.name,
          aliases: [],
          role: row.role,
          kind: row.kind,
          affiliation: row.affiliation,
          mentions: (mentionsOf.get(row.id) ?? []).map(({ articleId, sentenceIndex, text, at, unverified }) => ({
            articleId,
            sentenceIndex,
            text,
            at,
            unverified: bool(unverified),
          })),
          articles: [],
        };
        entry = { actor, nameKeys: new Set([nameKey(row.name)]) };
        merged.set(row.id, entry);
      }
      const { actor, nameKeys } = entry;
      // Each other name once, however its case or accents differ, never the canonical name itself.
      for (const name of names) {
        const key = nameKey(name);
        if (nameKeys.has(key)) continue;
        nameKeys.add(key);
        actor.aliases.push(name);
      }
      actor.role ??= row.role;
      actor.affiliation ??= row.affiliation;
      actor.articles.push(article);
    }
    return [...merged.values()]
      .map((entry) => entry.actor)
      .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  }

  return {
    stories: (): StoryRow[] => stories.all(),
    articles: (story: string): ArticleRow[] => articles.all(story),
    figures: (story: string): FigureRow[] =>
      figures.all(story).map((row) => ({ ...cite(row), unverified: bool(row.unverified) })),
    reactions: (story: string): ReactionRow[] => reactions.all(story).map(cite),
    videos: (story: string): VideoRow[] => videos.all(story).map(cite),
    summary: (story: string, limit: number): SummaryRow[] =>
      summary.all(story, limit).map((row) => ({ ...cite(row), unverified: bool(row.unverified) })),
    timeline: (story: string): TimelineRow[] => timeline.all(story).map((row) => ({ ...cite(row), unverified: bool(row.unverified) })),
    sentences: (story: string): SentenceRow[] =>
      sentences.all(story).map(({ heading, ...row }) => ({
        ...cite(row),
        unverified: bool(row.unverified),
        ...(heading === null ? {} : { heading: bool(heading) }),
      })),
    actors: mergedActors,
    updates: (story: string, sinceId = 0): Update[] =>
      updates.all(story, sinceId).map(({ payload, ...row }) => Update.parse({ ...row, ...JSON.parse(payload) })),
  };
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

const words = (text: string): string[] => nameKey(text).split(" ").filter(Boolean);
const containsWords = (haystack: string, needle: string[]): boolean => {
  const have = new Set(words(haystack));
  return needle.length > 0 && needle.every((w) => have.has(w));
};

/**
 * Exact name or alias first, then an exact role ("the president"), then every word of the query
 * in a name ("Massimov"), then in a role ("foreign minister"). Actors come most mentioned first,
 * so an ambiguous query finds the one the story is most about.
 */
export function findActor<T extends Pick<ActorRow, "name" | "aliases" | "role">>(actors: readonly T[], query: string): T | null {
  const key = nameKey(query);
  if (key === "") return null;
  const queryWords = words(query);
  const tests: Array<(actor: T) => boolean> = [
    (a) => [a.name, ...a.aliases].some((n) => nameKey(n) === key),
    (a) => a.role !== null && nameKey(a.role) === key,
    (a) => [a.name, ...a.aliases].some((n) => containsWords(n, queryWords)),
    (a) => a.role !== null && containsWords(a.role, queryWords),
  ];
  for (const test of tests) {
    const found = actors.find(test);
    if (found) return found;
  }
  return null;
}
