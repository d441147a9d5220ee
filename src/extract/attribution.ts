import type { AnalyzedArticle, AnalyzedSentence, Entity, Mention, Token } from "../analyse/index.js";
import { vocabulary } from "../analyse/vocabulary.js";

/**
 * Who a sentence credits what it reports to, as a reader would cite them: "the Prosecutor General's
 * Office" from "…, the head of the investigations department at the Prosecutor General's Office
 * said", "interior ministry" from "the country's interior ministry said in a statement", "State
 * television" from "State television reported". Never a pronoun, a dateline or a clause fragment;
 * "it said" and "he said" are the source the sentence before named.
 */

export interface Source {
  name: string;
  /** The entity cited, when the source is one. */
  entity: number | null;
  /** Token index the attribution stands at, to pick the nearest one to a fact. */
  at: number;
}

const GENERIC_REPORTS = new Set([
  "report",
  "information",
  "figure",
  "data",
  "estimate",
  "statement",
  "source",
  "account",
  "reporting",
  "update",
  "count",
  "tally",
]);
const LINKING = new Set(["from", "by", "of"]);
const REFERRING = new Set(["it", "they", "he", "she", "this", "that", "which", "who", "there"]);
const MAX_SOURCE_WORDS = 7;

/** How an entity is cited: a body the story's country is assumed to own is cited as the text names it. */
export function sourceName(entity: Entity): string {
  if (entity.organ !== null && entity.affiliation?.origin === "default") {
    const surfaces = entity.mentions.map((m) => m.surface.replace(/^the\s+/i, "").replace(/['’]s$/, ""));
    return surfaces.find((s) => s === s.toLowerCase()) ?? surfaces[0] ?? entity.name;
  }
  // A person is cited with the office the text puts before the name: "Interior Minister Erlan Turgumbayev".
  if (entity.kind === "person" && !entity.roleOnly) {
    const titled = entity.aliases.filter((a) => a.endsWith(` ${entity.name}`) && a.split(/\s+/).length <= entity.name.split(/\s+/).length + 3 && !/,/.test(a));
    return titled.sort((a, b) => b.length - a.length)[0] ?? entity.name;
  }
  return entity.name;
}

function mentionAt(analysis: AnalyzedArticle, sentence: AnalyzedSentence, from: number, to: number): number | null {
  // Inside the phrase, a person, body or medium is the source ("the head of … at the Prosecutor
  // General's Office"); a country or place only qualifies it ("Kazakh authorities", "officials in Almaty").
  const inside = sentence.mentions.filter((m) => m.start >= from && m.end <= to && CITABLE.has(analysis.entities[m.entity]!.kind));
  return inside[0]?.entity ?? null;
}

const CITABLE = new Set(["person", "organisation", "media"]);

function phraseText(sentence: AnalyzedSentence, from: number, to: number): string | null {
  const { tokens, text } = sentence;
  let start = from;
  while (start < to && (tokens[start]!.pos === "DET" || tokens[start]!.lower === "the")) start++;
  if (start >= to) return null;
  const words = tokens.slice(start, to);
  if (words.length > MAX_SOURCE_WORDS || words.some((t) => t.pos === "VERB" || t.pos === "AUX" || (t.pos === "PUNCT" && t.text !== "-"))) return null;
  if (words.length === 1 && REFERRING.has(words[0]!.lower)) return null;
  const phrase = text.slice(tokens[start]!.start, tokens[to - 1]!.end);
  return startsSentenceOnly(sentence, start, words) ? phrase.charAt(0).toLowerCase() + phrase.slice(1) : phrase;
}

/**
 * "Officials said", "State television reported": a common word capitalised only because it opens
 * the sentence, cited as the same source is mid-sentence ("according to officials"). A word the
 * lexicon lacks, one inside a name the analysis found ("Russian officials"), or a phrase with other
 * capitals keeps its case.
 */
function startsSentenceOnly(sentence: AnalyzedSentence, start: number, words: readonly Token[]): boolean {
  const [first, ...rest] = words;
  if (start !== 0 || !first?.capitalised || first.unknownWord) return false;
  if (rest.some((t) => t.capitalised)) return false;
  return !sentence.mentions.some((m) => m.start <= start && m.end > start);
}

function named(analysis: AnalyzedArticle, entity: number | null, fallback: string | null, at: number): Source | null {
  if (entity !== null) {
    const e = analysis.entities[entity]!;
    if (e.kind === "country" || e.kind === "place") return null;
    return { name: sourceName(e), entity, at };
  }
  return fallback ? { name: fallback, entity: null, at } : null;
}

/** The phrase after "according to" / "citing": a mention, else its words up to the clause's end. */
function phraseAfter(analysis: AnalyzedArticle, sentence: AnalyzedSentence, from: number): Source | null {
  const { tokens } = sentence;
  let i = from;
  // "according to figures from the health ministry", "according to information from dpa".
  if (GENERIC_REPORTS.has(tokens[i]?.lemma ?? "") || (tokens[i]?.pos === "DET" && GENERIC_REPORTS.has(tokens[i + 1]?.lemma ?? ""))) {
    const link = tokens.findIndex((t, j) => j > i && j <= i + 3 && LINKING.has(t.lower));
    if (link < 0) return null;
    i = link + 1;
  }
  let end = i;
  while (
    end < tokens.length &&
    !(tokens[end]!.pos === "PUNCT" && tokens[end]!.text !== "-" && tokens[end]!.lemma !== "'s") &&
    !/^(?:that|who|which|on|in|at|as)$/i.test(tokens[end]!.lower)
  )
    end++;
  const entity = mentionAt(analysis, sentence, i, end);
  return named(analysis, entity, phraseText(sentence, i, Math.min(end, i + MAX_SOURCE_WORDS)), from);
}

/** Every source the sentence names, in order. `previous` is the last source of the sentence before. */
export function sentenceSources(analysis: AnalyzedArticle, sentence: AnalyzedSentence, previous: Source | null): Source[] {
  const { tokens } = sentence;
  const sources: Source[] = [];
  tokens.forEach((t, i) => {
    if (t.lower === "according" && tokens[i + 1]?.lower === "to") {
      const source = phraseAfter(analysis, sentence, i + 2);
      if (source) sources.push(source);
    } else if ((t.lemma === "cite" || t.lemma === "quote") && t.lower.endsWith("ing") && tokens[i - 1]?.text === ",") {
      const source = phraseAfter(analysis, sentence, i + 1);
      if (source) sources.push(source);
    } else if (t.lemma === "cite" && !t.lower.endsWith("ing")) {
      // "Kazakh media cited the interior ministry as saying …": the ministry is the source, the media relay it.
      const as = tokens.findIndex((o, j) => j > i && j <= i + 8 && o.lower === "as" && tokens[j + 1]?.lemma === "say");
      if (as > 0) {
        const source = named(analysis, mentionAt(analysis, sentence, i + 1, as), phraseText(sentence, i + 1, as), i);
        if (source) sources.push(source);
      }
    }
  });
  for (const p of sentence.predicates) {
    if (!vocabulary.reportingVerbs.has(p.lemma) || p.lemma === "cite" || (p.passive && p.how !== "by")) continue;
    if (takesLives(tokens, p.verb)) continue;
    if (sources.some((s) => Math.abs(s.at - p.verb) <= 10 && s.at < p.verb && tokens[s.at]?.lemma === "cite")) continue;
    let source: Source | null = null;
    if (p.agent !== null) source = named(analysis, bodyOfOffice(analysis, sentence, sentence.mentions[p.agent]!), null, p.verb);
    else if (p.agentStart >= 0) {
      const words = tokens.slice(p.agentStart, p.agentEnd);
      if (words.length === 1 && REFERRING.has(words[0]!.lower)) source = previous ? { ...previous, at: p.verb } : null;
      else source = named(analysis, mentionAt(analysis, sentence, p.agentStart, p.agentEnd), phraseText(sentence, p.agentStart, p.agentEnd), p.verb);
    }
    if (source) sources.push(source);
  }
  return sources.sort((a, b) => a.at - b.at);
}

/** "The violence claimed 30 lives", "took the lives of": the verb counts deaths, it reports nothing. */
function takesLives(tokens: readonly Token[], verb: number): boolean {
  if (!vocabulary.livesVerbs.has(tokens[verb]?.lemma ?? "")) return false;
  return tokens.slice(verb + 1, verb + 5).some((t) => vocabulary.lives.has(t.lemma));
}

/**
 * An office named without its holder's name inside a body ("the deputy head of the Prosecutor
 * General's Office", "a spokesman at the ministry") is cited as the body, as a reader would.
 */
function bodyOfOffice(analysis: AnalyzedArticle, sentence: AnalyzedSentence, mention: Mention): number {
  const entity = analysis.entities[mention.entity];
  if (entity?.kind !== "person" || !entity.roleOnly) return mention.entity;
  const { tokens } = sentence;
  const body = sentence.mentions.find(
    (m) =>
      m.start > mention.start &&
      m.end <= mention.end &&
      analysis.entities[m.entity]?.kind === "organisation" &&
      tokens.slice(mention.start, m.start).some((t) => t.lower === "of" || t.lower === "at"),
  );
  return body?.entity ?? mention.entity;
}

/** The source nearest to token `at`. */
export function nearestSource(sources: readonly Source[], at: number): Source | null {
  let best: Source | null = null;
  for (const s of sources) if (!best || Math.abs(s.at - at) < Math.abs(best.at - at)) best = s;
  return best;
}
