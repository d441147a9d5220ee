import type { ActorRow, SentenceRow } from "../store/index.js";
import { textKey } from "../store/keys.js";
import { sourceOf } from "./source.js";
import type { SourcedSentence } from "./views.js";

export const MAX_ANSWERS = 3;

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

const terms = (text: string): string[] =>
  textKey(text)
    .split(" ")
    .filter((w) => w.length > 1 && !QUESTION_WORDS.has(w))
    .map(stem);

/**
 * A short answer to a free question, built only from the store's sentences: those sharing the most
 * of the question's words, with a sentence about an actor the question names counting extra. No
 * match is an honest "no answer" (an empty list), never a guess.
 */
export function answerQuestion(question: string, sentences: readonly SentenceRow[], actors: readonly ActorRow[]): SourcedSentence[] {
  const wanted = new Set(terms(question));
  if (wanted.size === 0) return [];
  const questionKey = ` ${textKey(question)} `;
  const named = actors.filter((a) => [a.name, ...a.aliases].some((n) => n.length > 2 && questionKey.includes(` ${textKey(n)} `)));
  const aboutNamed = new Set(named.flatMap((a) => a.mentions.map((m) => `${m.articleId}:${m.sentenceIndex}`)));
  // A question about a named actor is answered by what is said of them, not by their name alone.
  for (const actor of named) for (const n of [actor.name, ...actor.aliases]) for (const t of terms(n)) wanted.delete(t);
  const needed = named.length ? 0 : Math.min(2, wanted.size);

  const scored = sentences
    .filter((s) => !s.heading)
    .map((s) => {
      const have = new Set(terms(s.text));
      let score = 0;
      for (const t of wanted) if (have.has(t)) score += 1;
      const about = aboutNamed.has(`${s.article.id}:${s.index}`);
      return { s, score, about };
    })
    .filter(({ score, about }) => (named.length ? about : score >= needed && score > 0))
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
