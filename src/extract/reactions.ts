import type { AnalyzedArticle, AnalyzedSentence, Entity, Predicate } from "../analyse/index.js";
import { organisationNamed } from "../analyse/gazetteer.js";
import { vocabulary } from "../analyse/vocabulary.js";
import type { Reaction } from "./facts.js";

/**
 * What foreign governments, their officials and international bodies said or did about the story:
 * a predicate of speech, action or stance whose doer belongs to another country than the story's
 * (or is an international body). In one article a voice is heard once: its statements are one
 * reaction, a country speaking through one of its bodies is that body, and a presidency's words
 * are its president's.
 */

const MAX_GIST = 160;
const MIN_QUOTE_WORDS = 3;
const TRAILING = new Set([",", ";", ":", ".", "!", "?", "—", "–", "-"]);

interface Voice {
  entity: Entity;
  /** Country or organisation the reaction is filed under. */
  under: string;
}

/** The country or body an entity speaks for, when it is foreign to the story; null when domestic or unknown. */
function foreignVoice(analysis: AnalyzedArticle, entity: Entity): Voice | null {
  const home = analysis.home?.name ?? null;
  if (entity.kind === "media" || (entity.kind === "place" && !entity.key.startsWith("capital:"))) return null;
  if (entity.kind === "country" || entity.key.startsWith("capital:")) {
    const country = entity.kind === "country" ? entity.name : (entity.affiliation?.name ?? null);
    return country && country !== home ? { entity, under: country } : null;
  }
  const affiliation = entity.affiliation;
  if (!affiliation || affiliation.origin === "default") return null;
  if (affiliation.kind === "country") return affiliation.name !== home ? { entity, under: affiliation.name } : null;
  // Only a body known to be international speaks from abroad; one the text names without a country may be the story's own.
  const org = organisationNamed(affiliation.name);
  if (!org || org.country) return null;
  return { entity, under: org.parent ?? org.name };
}

function isReaction(p: Predicate): boolean {
  if (p.stance) return true;
  return vocabulary.reactionVerbs.has(p.lemma) || vocabulary.speechVerbs.has(p.lemma);
}

/** The clause the verb heads, as the gist: from the verb (or the stance's copula) to the clause's end. */
function gistOf(sentence: AnalyzedSentence, p: Predicate): string {
  const { tokens, text } = sentence;
  let start = p.verb;
  if (p.stance) {
    // "was deeply concerned": the copula and its adverbs belong to the stance.
    while (start > 0 && (tokens[start - 1]!.pos === "ADV" || tokens[start - 1]!.pos === "AUX" || tokens[start - 1]!.pos === "VERB")) start--;
  } else if (p.how === "inverted") {
    // "“…,” said X": what was said stands before the verb.
    // It reads as a clause of the verb: "says talks should resume", "said every detainee must see a lawyer".
    const reported = tokens.slice(0, p.verb).filter((t) => !TRAILING.has(t.text) && !/^[“”"‘’«»]$/.test(t.text));
    if (reported.length) {
      const clause = text.slice(reported[0]!.start, reported.at(-1)!.end).replace(/[“”"«»]/g, "");
      const named = sentence.mentions.some((m) => m.start === reported[0]!.index) || reported[0]!.text === "I";
      const opening = named ? clause : clause[0]!.toLowerCase() + clause.slice(1);
      return clip(`${tokens[p.verb]!.text} ${opening}`);
    }
  } else if (trailing(sentence, p)) {
    // "Authorities should ensure an inquiry, Human Rights Watch said today.": what was said comes first.
    const reported = tokens.slice(0, p.agentStart - 1).filter((t) => !/^[“”"‘’«»]$/.test(t.text));
    if (reported.length) {
      const clause = text.slice(reported[0]!.start, reported.at(-1)!.end).replace(/[“”"«»]/g, "");
      const named = sentence.mentions.some((m) => m.start === reported[0]!.index);
      return clip(`${tokens[p.verb]!.text} ${named ? clause : clause[0]!.toLowerCase() + clause.slice(1)}`);
    }
  } else {
    // "will send", "did not comment" keep what the auxiliary says; "has allowed" reads as "allowed".
    while (
      start > 0 &&
      (tokens[start - 1]!.pos === "AUX" || tokens[start - 1]!.lower === "not") &&
      tokens[start - 1]!.lemma !== "be" &&
      tokens[start - 1]!.lemma !== "have"
    )
      start--;
  }
  let end = tokens.length;
  for (let i = p.verb + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === ";") {
      end = i;
      break;
    }
    // ", the Kremlin said": the messenger closes the statement, it is not part of it.
    if (t.text === "," && sentence.predicates.some((o) => o.verb > i && o.verb <= i + 8 && vocabulary.speechVerbs.has(o.lemma) && o.agentStart > i)) {
      end = i;
      break;
    }
  }
  while (end > start && TRAILING.has(tokens[end - 1]!.text)) end--;
  let gist = text.slice(tokens[start]!.start, tokens[end - 1]!.end);
  gist = gist.replace(
    /^(\S+)\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tonight)(?:\s+(?:morning|afternoon|evening|night))?,?\s+/u,
    "$1 ",
  );
  return clip(gist);
}

const AFTER_TRAILING = new Set([
  "in",
  "a",
  "an",
  "the",
  "statement",
  "on",
  "its",
  "their",
  "his",
  "her",
  "website",
  "telegram",
  "channel",
  "today",
  "yesterday",
  "tonight",
  "earlier",
  "later",
]);

/** "<what was said>, X said (today / in a statement)." */
function trailing(sentence: AnalyzedSentence, p: Predicate): boolean {
  const { tokens } = sentence;
  if (p.how !== "subject" || !vocabulary.speechVerbs.has(p.lemma) || p.agentStart < 2 || tokens[p.agentStart - 1]?.text !== ",") return false;
  return tokens.slice(p.verb + 1).every((t) => t.pos === "PUNCT" || t.pos === "ADV" || t.pos === "PROPN" || t.pos === "NUM" || AFTER_TRAILING.has(t.lower));
}

function clip(gist: string): string {
  if (gist.length <= MAX_GIST) return gist;
  return `${gist.slice(0, gist.lastIndexOf(" ", MAX_GIST - 1))}…`;
}

/** The longest quoted passage of the sentence, joined with its beginning when the splitter cut it. */
function quoteOf(analysis: AnalyzedArticle, sentence: AnalyzedSentence): string | null {
  const passages = sentence.quotes.map((q) => {
    const words = sentence.tokens.slice(q.start, q.end);
    if (words.length === 0) return "";
    let passage = sentence.text.slice(words[0]!.start, words.at(-1)!.end);
    if (q.continued) {
      const before = analysis.sentences[sentence.index - 1];
      const open = before?.quotes.at(-1);
      if (before && open && open.end === before.tokens.length) {
        const opened = before.tokens.slice(open.start, open.end);
        if (opened.length) passage = `${before.text.slice(opened[0]!.start, opened.at(-1)!.end)} ${passage}`;
      }
    }
    return passage.replace(/[,\s]+$/u, "");
  });
  const count = (p: string) => p.split(/\s+/).filter(Boolean).length;
  const statements = passages.filter((p) => count(p) >= MIN_QUOTE_WORDS);
  // A two-word phrase ("highly responsible") is still the speaker's own words when nothing longer is quoted.
  const pool = statements.length ? statements : passages.filter((p) => count(p) === 2);
  return pool.sort((a, b) => b.length - a.length)[0] ?? null;
}

interface Heard {
  voice: Voice;
  reaction: Reaction;
}

/**
 * One reaction per voice in the article: the same speaker's statements are one, a country's
 * statement joins its body's ("Uzbekistan is concerned" and "the Foreign Ministry said"), and a
 * presidency's joins its president's ("the Kremlin said" of Putin's call).
 */
function oneVoice(heard: Heard[]): Reaction[] {
  const bySpeaker = new Map<Entity, Heard>();
  for (const h of heard) {
    const earlier = bySpeaker.get(h.voice.entity);
    if (!earlier) {
      bySpeaker.set(h.voice.entity, h);
      continue;
    }
    earlier.reaction.quote = longer(earlier.reaction.quote, h.reaction.quote);
  }
  const voices = [...bySpeaker.values()];
  const kept = voices.filter((h) => {
    const { entity } = h.voice;
    const sameSide = voices.filter((o) => o !== h && o.voice.under === h.voice.under);
    const people = sameSide.filter((o) => o.voice.entity.kind === "person");
    const target =
      entity.kind === "country" || entity.key.startsWith("capital:")
        ? (sameSide.find((o) => o.voice.entity.kind === "organisation") ?? (people.length === 1 ? people[0] : undefined))
        : entity.speaksForHead && people.length === 1
          ? people[0]
          : undefined;
    if (!target) return true;
    target.reaction.quote = longer(target.reaction.quote, h.reaction.quote);
    if (h.reaction.sentenceIndex < target.reaction.sentenceIndex && target.voice.entity.kind !== "person") {
      Object.assign(target.reaction, { gist: h.reaction.gist, sentence: h.reaction.sentence, sentenceIndex: h.reaction.sentenceIndex, at: h.reaction.at });
    }
    return false;
  });
  return kept.map((h) => h.reaction).sort((a, b) => a.sentenceIndex - b.sentenceIndex);
}

const longer = (a: string | null, b: string | null) => (!a ? b : !b ? a : b.length > a.length ? b : a);

const RELATIVES = new Set(["which", "who", "that", "whom", "whose"]);

/** "…, which is backed by Russia": a relative clause describes, it reports nothing done now. */
function inRelativeClause(sentence: AnalyzedSentence, p: Predicate): boolean {
  let i = p.verb - 1;
  while (i >= 0 && (sentence.tokens[i]!.pos === "AUX" || sentence.tokens[i]!.pos === "ADV" || sentence.tokens[i]!.pos === "PART")) i--;
  return RELATIVES.has(sentence.tokens[i]?.lower ?? "") && sentence.tokens[i]?.pos === "PRON";
}

const insideQuote = (sentence: AnalyzedSentence, at: number) => sentence.quotes.some((q) => at >= q.start && at < q.end);

export function extractReactions(analysis: AnalyzedArticle): Reaction[] {
  const heard: Heard[] = [];
  for (const sentence of analysis.sentences) {
    analysis.budget.check("reactions");
    // A live blog's heading announces what its paragraph reports in full.
    if (sentence.heading) continue;
    const quote = quoteOf(analysis, sentence);
    let reportedFrom = Infinity;
    for (const p of sentence.predicates) {
      if (!isReaction(p) || p.agent === null || (p.passive && p.how !== "by")) continue;
      // What a quote or a foreign speaker's "said that …" reports is part of that statement, not a voice of its own.
      if (p.verb > reportedFrom || insideQuote(sentence, p.verb) || inRelativeClause(sentence, p)) continue;
      const entity = analysis.entities[sentence.mentions[p.agent]!.entity]!;
      const voice = foreignVoice(analysis, entity);
      if (!voice) continue;
      if (vocabulary.speechVerbs.has(p.lemma) && p.how !== "inverted") reportedFrom = p.verb;
      // A quote inside the clause belongs to it; one the verb stands after ("“…,” she said") too.
      heard.push({
        voice,
        reaction: {
          actor: entity.name,
          countryOrOrg: voice.under,
          gist: gistOf(sentence, p),
          quote,
          at: sentence.at,
          sentence: sentence.text,
          sentenceIndex: sentence.index,
        },
      });
    }
  }
  return oneVoice(heard);
}
