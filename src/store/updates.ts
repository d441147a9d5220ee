import { z } from "zod";
import { Actor, Figure, Qualifier, Reaction, SummarySentence, Video, type Extraction } from "../extract/facts.js";
import { figureKindKey, nameKey, textKey, timeMs } from "./keys.js";

/** The last figure of the same kind the story had before, so an update can say "killed: 26 → 164". */
export const PreviousFigure = z.object({
  count: z.number(),
  qualifier: Qualifier,
  asOf: z.string().nullable(),
  articleTitle: z.string(),
});

export const FigureChange = z.object({ figure: Figure, previous: PreviousFigure.nullable() });

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
}

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
}

export function isEmpty(content: UpdateContent): boolean {
  return (
    content.figures.length + content.reactions.length + content.actors.length + content.videos.length + content.headlines.length ===
    0
  );
}

/**
 * The facts of an extraction that are new to the story. A figure is new when no earlier figure of
 * its kind had the same count and it is not older than the latest one (a recap of Thursday's toll
 * is not a development on Saturday); repeats inside the article itself count once.
 */
export function newInStory(history: StoryHistory, extraction: Extraction, articleAsOf: string | null): UpdateContent {
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
    figures.push({
      figure,
      previous: latest
        ? { count: latest.count, qualifier: latest.qualifier, asOf: latest.asOf, articleTitle: latest.articleTitle }
        : null,
    });
  }

  const reactions = extraction.reactions
    .filter(once((r: Reaction) => `${nameKey(r.actor)}|${textKey(r.gist)}`))
    .filter((r) => !history.knowsReaction(reactionKeys(r)));

  const actors = extraction.actors.filter(once((a: Actor) => a.id)).filter((a) => !history.knowsActor(a.id));

  const videos = extraction.videos
    .filter(once((v: Video) => textKey(v.title)))
    .filter((v) => !history.knowsVideo(videoKeys(v)));

  const headlines = extraction.summary
    .filter(once((s: SummarySentence) => textKey(s.text)))
    .filter((s) => !history.knowsSentence(textKey(s.text)));

  return { figures, reactions, actors, videos, headlines };
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
