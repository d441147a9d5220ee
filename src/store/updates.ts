import { z } from "zod";
import { Actor, Figure, Qualifier, Reaction, SummarySentence, Video, type Extraction } from "../extract/facts.js";
import { SAME_STATEMENT, alreadyReported } from "../analyse/similarity.js";
import { identityKey } from "../extract/identity.js";
import { figureKindKey, nameKey, textKey, timeMs } from "./keys.js";

/** The last figure of the same kind the story had before, so an update can say "killed: 26 → 164". */
export const PreviousFigure = z.object({
  count: z.number(),
  qualifier: Qualifier,
  asOf: z.string().nullable(),
  articleTitle: z.string(),
  /** Who reported it: the named source, else the outlet. */
  source: z.string().nullable().default(null),
});

export const FigureChange = z.object({
  figure: Figure,
  previous: PreviousFigure.nullable(),
  /**
   * Another source's count of about the same time differs: posted as a disagreement beside the
   * other count, never as a new toll.
   */
  disagrees: z.boolean().default(false),
});

/** What one ingested article added to its story. */
export const UpdateContent = z.object({
  figures: z.array(FigureChange),
  reactions: z.array(Reaction),
  /** Actors the story had not mentioned before. */
  actors: z.array(Actor),
  videos: z.array(Video),
  /** New summary sentences: the article's headline developments. */
  headlines: z.array(SummarySentence),
});

export const Update = UpdateContent.extend({
  id: z.number().int().positive(),
  story: z.string(),
  articleId: z.string(),
  articleTitle: z.string(),
  articleUrl: z.string().nullable(),
  articleOutlet: z.string().nullable(),
  /** A new article, or a new version of one the story already had (a live page). */
  status: z.enum(["added", "updated"]),
  createdAt: z.string(),
});

export type PreviousFigure = z.infer<typeof PreviousFigure>;
export type FigureChange = z.infer<typeof FigureChange>;
export type UpdateContent = z.infer<typeof UpdateContent>;
export type Update = z.infer<typeof Update>;

/** A figure the story already holds, with the time it counts up to (its own, else its article's). */
export interface KnownFigure {
  count: number;
  qualifier: Qualifier;
  asOf: string | null;
  articleTitle: string;
  source: string | null;
}

/** Reports this close in time are rival accounts of the same moment, not a change over time. */
export const SAME_TIME_MS = 12 * 3_600_000;

/** How many of the story's newest headline sentences and reactions a new article is compared with. */
export const RECENT_DEVELOPMENTS = 100;

/**
 * What the story held before this article (including the article's own previous version). The
 * store answers these from the database; keys come from `keys.ts`.
 */
export interface StoryHistory {
  /** The latest figure of one kind (see `figureKindKey`). */
  latestFigure(kindKey: string): KnownFigure | null;
  knowsFigure(kindKey: string, count: number): boolean;
  knowsActor(actorId: string): boolean;
  knowsReaction(keys: { actor: string; gist: string; quote: string | null; sentence: string }): boolean;
  knowsVideo(keys: { title: string; url: string | null }): boolean;
  knowsSentence(textKey: string): boolean;
  /** The story's newest RECENT_DEVELOPMENTS headline sentences. */
  recentHeadlines(): readonly string[];
  /** The story's newest RECENT_DEVELOPMENTS reactions: who, and what they said. */
  recentReactions(): ReadonlyArray<{ actor: string; gist: string; quote: string | null }>;
}

export function isEmpty(content: UpdateContent): boolean {
  return content.figures.length + content.reactions.length + content.actors.length + content.videos.length + content.headlines.length === 0;
}

const statementOf = (r: { gist: string; quote: string | null }) => `${r.gist} ${r.quote ?? ""}`;
const speakerKey = (actor: string) => identityKey({ name: actor, kind: "person" });

/**
 * The facts of an extraction that are new to the story: a development is posted once, when it
 * first appears, and another outlet repeating it adds nothing. A figure is new when no earlier
 * figure of its kind (category and population) had the same count and it is not older than the
 * latest one (a recap of Thursday's toll is not a development on Saturday); a different count from
 * another source at about the latest one's time is a disagreement. A headline or reaction is new
 * when no recent one of the story reports the same development (src/analyse/similarity.ts).
 * Repeats inside the article itself count once.
 */
export function newInStory(history: StoryHistory, extraction: Extraction, article: { asOf: string | null; outlet: string | null }): UpdateContent {
  const articleAsOf = article.asOf;
  const once = <T>(keyOf: (item: T) => string) => {
    const seen = new Set<string>();
    return (item: T) => {
      const key = keyOf(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
  };

  const figures: FigureChange[] = [];
  const firstFigure = once((f: Figure) => `${figureKindKey(f)}|${f.count}`);
  for (const figure of extraction.figures.filter(firstFigure)) {
    const kind = figureKindKey(figure);
    if (history.knowsFigure(kind, figure.count)) continue;
    const latest = history.latestFigure(kind);
    const at = timeMs(figure.asOf ?? articleAsOf);
    const latestAt = timeMs(latest?.asOf);
    if (at !== null && latestAt !== null && latestAt > at) continue;
    const source = figure.attributedTo ?? article.outlet;
    const disagrees =
      latest !== null && at !== null && latestAt !== null && Math.abs(at - latestAt) <= SAME_TIME_MS && textKey(source ?? "") !== textKey(latest.source ?? "");
    figures.push({ figure, previous: latest, disagrees });
  }

  const unheard = extraction.reactions
    .filter(once((r: Reaction) => `${nameKey(r.actor)}|${textKey(r.gist)}`))
    .filter((r) => !history.knowsReaction(reactionKeys(r)));
  const reactions = unheard.length ? unsaid(history, unheard) : [];

  const actors = extraction.actors.filter(once((a: Actor) => a.id)).filter((a) => !history.knowsActor(a.id));

  const videos = extraction.videos.filter(once((v: Video) => textKey(v.title))).filter((v) => !history.knowsVideo(videoKeys(v)));

  const fresh = extraction.summary.filter(once((s: SummarySentence) => textKey(s.text))).filter((s) => !history.knowsSentence(textKey(s.text)));
  // Weighing the recent pool is most of an ingest's cost: skipped when the keys left nothing to compare.
  const reportedBefore = fresh.length
    ? alreadyReported(
        fresh.map((s) => s.text),
        history.recentHeadlines(),
      )
    : [];
  const headlines = fresh.filter((_, i) => !reportedBefore[i]);

  return { figures, reactions, actors, videos, headlines };
}

/** The reactions no recent reaction of the same speaker already reported. */
function unsaid(history: StoryHistory, unheard: readonly Reaction[]): Reaction[] {
  const said = history.recentReactions();
  const [speakers, heardFrom] = [unheard.map((r) => speakerKey(r.actor)), said.map((r) => speakerKey(r.actor))];
  const saidBefore = alreadyReported(unheard.map(statementOf), said.map(statementOf), SAME_STATEMENT, (r, k) => speakers[r] === heardFrom[k]);
  return unheard.filter((_, i) => !saidBefore[i]);
}

export function reactionKeys(reaction: Reaction): { actor: string; gist: string; quote: string | null; sentence: string } {
  return {
    actor: nameKey(reaction.actor),
    gist: textKey(reaction.gist),
    quote: reaction.quote === null ? null : textKey(reaction.quote),
    sentence: textKey(reaction.sentence),
  };
}

export function videoKeys(video: Video): { title: string; url: string | null } {
  return { title: textKey(video.title), url: video.url };
}
