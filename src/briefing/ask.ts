import type { ActorIndexRow, BriefingReads, FoundSentence } from "../store/index.js";
import { textKey } from "../store/keys.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef } from "./source.js";
import type { AnswerView, SourcedSentence } from "./views.js";

export const MAX_ANSWERS = 3;
/** Candidate sentences drawn from the store for one question, before they are ranked here. */
const CANDIDATES = 100;

const QUESTION_WORDS = new Set(
  ("what who whom whose when where why how which is are was were do does did has have had the a an of to in on at for by " +
    "with about from and or it its this that these those there their they he she his her happen happened happening going " +
    "tell me us please any anything know say said says").split(" "),
);

/** A light stem so "ordered"/"order", "forces"/"force", "arrests"/"arrested" meet. */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, "");
  if (w.length <= 4) return w;
  if (w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  const stripped = w.replace(/(?:ing|ed|es|s|e)$/, "");
  return stripped.length >= 3 ? stripped : w;
}

/**
 * What every word with this stem starts with, for the full-text search: stems cut endings, except
 * "-ies", which becomes "-y" ("countries" → "country").
 */
const prefixOf = (wordStem: string): string => (wordStem.endsWith("y") ? wordStem.slice(0, -1) : wordStem);

const terms = (text: string): string[] =>
  textKey(text)
    .split(" ")
    .filter((w) => w.length > 1 && !QUESTION_WORDS.has(w))
    .map(stem);

/** The actors a question names by name or alias. */
function namedIn(question: string, actors: readonly ActorIndexRow[]): ActorIndexRow[] {
  const questionKey = ` ${textKey(question)} `;
  return actors.filter((a) => [a.name, ...a.aliases].some((n) => n.length > 2 && questionKey.includes(` ${textKey(n)} `)));
}

/**
 * A short answer to a free question, built only from the store's sentences: those sharing the most
 * of the question's words, with a sentence about an actor the question names counting extra. No
 * match is an honest "no answer" (an empty list), never a guess. The store's full-text index finds
 * the candidates; they are ranked here.
 */
export async function answerQuestion(store: BriefingReads, story: string, question: string): Promise<SourcedSentence[]> {
  const wanted = new Set(terms(question));
  if (wanted.size === 0) return [];
  const named = namedIn(question, await store.actorIndex(story));
  // A question about a named actor is answered by what is said of them, not by their name alone.
  for (const actor of named) for (const n of [actor.name, ...actor.aliases]) for (const t of terms(n)) wanted.delete(t);
  const needed = named.length ? 0 : Math.min(2, wanted.size);
  const candidates = await store.searchSentences(story, {
    prefixes: [...new Set([...wanted].map(prefixOf))],
    actorIds: named.map((a) => a.id),
    limit: CANDIDATES,
  });
  return rank(candidates, wanted, named.length > 0, needed);
}

function rank(candidates: readonly FoundSentence[], wanted: ReadonlySet<string>, aboutNamed: boolean, needed: number): SourcedSentence[] {
  const scored = candidates
    .filter((s) => !s.heading)
    .map((s) => {
      const have = new Set(terms(s.text));
      let score = 0;
      for (const t of wanted) if (have.has(t)) score += 1;
      return { s, score, about: s.about };
    })
    .filter(({ score, about }) => (aboutNamed ? about : score >= needed && score > 0))
    .sort((a, b) => b.score - a.score || Number(b.about) - Number(a.about) || (a.s.at ?? "").localeCompare(b.s.at ?? "") || a.s.index - b.s.index);

  const seen = new Set<string>();
  const answers: SourcedSentence[] = [];
  for (const { s } of scored) {
    const key = textKey(s.text);
    if (seen.has(key)) continue;
    seen.add(key);
    answers.push({ text: s.text, at: s.at ?? s.article.asOf, unverified: s.unverified, source: sourceOf(s.article) });
    if (answers.length === MAX_ANSWERS) break;
  }
  return answers;
}

export async function askView(store: BriefingReads, story: StoryConfig, question: string): Promise<AnswerView> {
  return { story: storyRef(story), question, answers: await answerQuestion(store, story.slug, question) };
}
