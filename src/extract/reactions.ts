import { homeCountry } from "./actors.js";
import type { Actor, Reaction, Sentence } from "./facts.js";
import { ORGANISATIONS } from "./gazetteer.js";

/**
 * What foreign governments and international organisations said or did about the story: an actor
 * from abroad as the subject of a speech or action verb. A following sentence that carries on the
 * same statement ("He appealed…: “…”") adds its quote instead of counting twice.
 */

const SPEECH = [
  "said", "says", "told", "tells", "added", "adds", "stressed", "stresses", "appealed", "appeals", "wrote", "writes",
  "tweeted", "stated", "insisted", "declared", "noted", "warned", "warns", "urged", "urges", "emphasised",
  "emphasized", "reiterated", "called", "calls",
];
const ACTION = [
  "condemned", "condemns", "criticised", "criticized", "criticises", "criticizes", "denounced", "welcomed",
  "welcomes", "regretted", "regrets", "mourned", "questioned", "questions", "demanded", "demands", "offered",
  "offers", "announced", "announces", "stopped", "stops", "halted", "halts", "suspended", "suspends", "banned",
  "bans", "imposed", "imposes", "allowed", "allows", "ordered", "orders", "advised", "advises", "evacuated",
  "sent", "sends", "deployed", "deploys", "pledged", "pledges", "promised", "promises", "rejected", "rejects",
  "thanked", "thanks", "praised", "praises", "supported", "supports", "backed", "backs", "recalled", "closed", "cancelled", "canceled",
  "postponed", "agreed", "agrees", "approved", "approves", "expressed", "expresses", "voiced", "voices",
  "described", "describes", "accused", "accuses", "blamed", "blames",
];
const FEELING = "(?:is|are|was|were)(?: (?:very|deeply|extremely|gravely|seriously|increasingly))? (?:concerned|worried|alarmed|saddened|shocked|troubled)";
const VERB = new RegExp(`\\b(?:${FEELING}|${[...SPEECH, ...ACTION].join("|")})\\b`, "g");
const SPEECH_VERBS = new Set(SPEECH);
// "was criticised", "had been dismissed": the actor before a passive verb is not the one acting.
const PASSIVE_BEFORE = /\b(?:be|been|being|is|are|was|were)\s+$/;
const NOT_A_SUBJECT_BEFORE = /\b(?:to|with|by|from|of|for|against|about|according to)\s+(?:the\s+)?$/i;
const TIME_AFTER_VERB = /^(\S+) (?:(?:late|early) )?(?:on )?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tonight)(?: (?:morning|afternoon|evening|night))?,? /;
const QUOTE = /[“„«"]([^“”„«»"]+)[”»"“]/g;
const OPEN_QUOTE_TO_END = /[“„«"]([^“”„«»"]+)$/;
const CLOSE_QUOTE_FROM_START = /^([^“”„«»"]+)[”»"“]/;
// ", the Xinhua news agency reported" and ", according to Reuters" name the messenger, not the message.
const TRAILING_ATTRIBUTION = /,\s+(?:according to\b.*|(?:\S+\s+){0,5}(?:reported|reports|said|says|wrote|writes)\s*)$/i;
const TRAILING_TIME = /\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tonight)$/;
/** A clause ending in a comma right before the subject: the statement a trailing "X said" reports. */
const REPORTED_BEFORE = /^(?:\([^()]{1,40}\)\s*[-–—]\s*)?([^“”„«»"]{20,}?),\s*(?:the\s+)?$/;
/** "“…,” said Mihra Rittmann" and "…, says the ministry": the speech verb stands before its speaker. */
const INVERTED_BEFORE = new RegExp(`(?:[,.!?]?[”"»]|,)\\s*(${SPEECH.join("|")})\\s+(?:the\\s+)?$`);
const MAX_SUBJECT_GAP = 80;
const MAX_GIST = 160;

interface Span {
  actor: Actor;
  start: number;
  end: number;
}

function wordBoundaryAt(text: string, start: number, end: number): boolean {
  return !/[\p{L}\p{N}]/u.test(text[start - 1] ?? "") && !/[\p{L}\p{N}]/u.test(text[end] ?? "");
}

const ANAPHORS = new Map(ORGANISATIONS.map((o) => [o.name, o.anaphors]));
// A reaction is filed under the country or body speaking: the European Council's president speaks for the EU.
const PARENTS = new Map(ORGANISATIONS.flatMap((o) => (o.parent ? [[o.name, o.parent] as const] : [])));

/** What refers back to the actor without naming it: "He"/"She" opening a sentence, "the president", "the alliance". */
function referencePattern(actor: Actor): RegExp | null {
  const words = actor.kind === "person" ? ["he", "she", ...(actor.role ? [actor.role.toLowerCase()] : [])] : (ANAPHORS.get(actor.name) ?? []);
  if (words.length === 0) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?:^|\\bthe )(?:${escaped.join("|")})\\b`, "gi");
}

/** Where the sentence names the actor or refers back to it. */
function locate(actor: Actor, reference: RegExp | null, text: string): Span[] {
  const spans: Span[] = [];
  for (const form of [actor.name, ...actor.aliases]) {
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
      if (wordBoundaryAt(text, at, at + form.length)) spans.push({ actor, start: at, end: at + form.length });
    }
  }
  if (reference) for (const m of text.matchAll(reference)) spans.push({ actor, start: m.index, end: m.index + m[0].length });
  return spans;
}

/**
 * The longest quoted passage of at least three words: scare quotes around one word are not a
 * statement. A quote the sentence splitter cut in two ("“We are worried. We call for calm,” he
 * said.") is joined back from the previous sentence.
 */
function quoteIn(text: string, previous: string | undefined): string | null {
  const passages = [...text.matchAll(QUOTE)].map((m) => m[1]!);
  // Straight quotes open and close alike: only a mark left over once the pairs are gone opens a passage.
  const open = unpairedOpening(text);
  if (open && !passages.some((p) => open.includes(p))) passages.push(open);
  const closing = CLOSE_QUOTE_FROM_START.exec(text)?.[1];
  const opened = previous === undefined ? undefined : unpairedOpening(previous);
  if (closing && opened) passages.push(`${opened.trim()} ${closing.trim()}`);
  const cleaned = passages.map((p) => p.trim().replace(/,$/, ""));
  // A phrase of two words ("highly responsible") is still the speaker's own words when nothing longer is quoted.
  const statements = cleaned.filter((p) => p.split(/\s+/).length >= 3);
  const phrases = statements.length > 0 ? statements : cleaned.filter((p) => p.split(/\s+/).length === 2);
  return phrases.sort((a, b) => b.length - a.length)[0] ?? null;
}

function unpairedOpening(text: string): string | undefined {
  return OPEN_QUOTE_TO_END.exec(text.replace(QUOTE, ""))?.[1];
}

function gistFrom(text: string, verbStart: number, subjectStart: number, quote: string | null): string {
  let gist = text.slice(verbStart).split(";")[0]!.replace(/[\s.,:;!?]+$/u, "").replace(/[.,]([”"»])$/u, "$1").replace(TIME_AFTER_VERB, "$1 ").replace(TRAILING_ATTRIBUTION, "");
  // "Authorities should ensure an inquiry, Human Rights Watch said today.": what was said comes first.
  const reported = REPORTED_BEFORE.exec(text.slice(0, subjectStart))?.[1];
  const verbOnly = gist.replace(TRAILING_TIME, "");
  if (verbOnly.split(/\s+/).length < 2 && reported && !quote) gist = `${verbOnly} ${reported}`;
  // "…,” she said." leaves just the verb: the quote is what was said.
  if (gist.split(/\s+/).length < 2 && quote) gist = `${gist}: ${quote}`;
  return clip(gist);
}

/** "“We call for calm,” said X" reports the quote; "Talks must resume, said X" the clause before the verb. */
function invertedGist(text: string, verb: string, verbStart: number, quote: string | null): string {
  const reported = quote ?? text.slice(0, verbStart).replace(/[\s,.:;!?”"»]+$/u, "").replace(/^[“„«"]/u, "");
  return clip(`${verb}: ${reported}`);
}

function clip(gist: string): string {
  if (gist.length <= MAX_GIST) return gist;
  return `${gist.slice(0, gist.lastIndexOf(" ", MAX_GIST - 1))}…`;
}

const QUOTE_THEN_PRONOUN = new RegExp(`^[“„«"][^“”„«»"]{10,}[”»"“]\\s*,?\\s*(?:he|she|they)\\s+(?:${SPEECH.join("|")})\\b`, "i");
const GIST_FILLER = new Set(["that", "this", "with", "from", "into", "their", "there", "they", "have", "been", "were", "will", "would", "should", "about", "after", "also"]);

/** The words that carry a gist's content, cut to a stem so "restraint" and "restraints" or "calls" and "called" meet. */
function contentStems(gist: string): string[] {
  return gist.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 4 && !GIST_FILLER.has(w)).map((w) => w.slice(0, 5));
}

/** One gist restates the other: the same verb, and every content word of the shorter is in the longer. */
function sameStatement(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const [shortVerb, ...shortWords] = contentStems(short);
  const [longVerb, ...longWords] = contentStems(long);
  if (!shortVerb || shortVerb.slice(0, 4) !== longVerb?.slice(0, 4) || shortWords.length === 0) return false;
  return shortWords.every((w) => longWords.includes(w));
}

export function extractReactions(sentences: readonly Sentence[], actors: readonly Actor[]): Reaction[] {
  const home = homeCountry(sentences);
  const references = new Map(actors.map((a) => [a, referencePattern(a)]));
  const isForeign = (actor: Actor): boolean => actor.affiliation !== null && actor.affiliation !== home;
  const reactions: Reaction[] = [];
  /** The reaction each actor last made and the last sentence that carried it on. */
  const ongoing = new Map<string, { reaction: Reaction; through: number }>();

  sentences.forEach((sentence, position) => {
    // A live blog's entry heading ("Xi backs Tokayev") announces the reaction its paragraph reports in full.
    if (sentence.heading) return;
    const { text } = sentence;
    // "“Violence is no answer,” she said.": the speaker of the sentence before goes on.
    const carried = QUOTE_THEN_PRONOUN.test(text) ? [...ongoing.values()].filter((o) => o.through === position - 1) : [];
    if (carried.length === 1) {
      carried[0]!.reaction.quote ??= quoteIn(text, sentences[position - 1]?.text);
      carried[0]!.through = position;
      return;
    }
    const present = actors.filter((a) => a.mentions.includes(sentence.index));
    if (!present.some(isForeign)) return;
    const all = present.flatMap((a) => locate(a, references.get(a) ?? null, text));
    // "NATO" inside "NATO Secretary General Jens Stoltenberg" is part of one mention, not a second subject.
    const spans = all
      .filter((s) => !all.some((o) => o !== s && o.start <= s.start && s.end <= o.end && o.end - o.start > s.end - s.start))
      .sort((a, b) => a.start - b.start);
    const verbs = [...text.matchAll(VERB)].filter((m) => !PASSIVE_BEFORE.test(text.slice(0, m.index)));
    const quote = quoteIn(text, sentences[position - 1]?.text);
    let claimedFrom = Infinity;
    const acted = new Set<string>();

    for (const span of spans) {
      const { actor } = span;
      if (!isForeign(actor) || acted.has(actor.name) || span.start >= claimedFrom) continue;
      if (NOT_A_SUBJECT_BEFORE.test(text.slice(0, span.start))) continue;
      const after = verbs.find((v) => v.index >= span.end);
      const before = after && after.index - span.end <= MAX_SUBJECT_GAP ? null : INVERTED_BEFORE.exec(text.slice(0, span.start));
      const verb = before ? { index: before.index + before[0].lastIndexOf(before[1]!), 0: before[1]! } : after;
      if (!verb || (!before && verb.index - span.end > MAX_SUBJECT_GAP)) continue;
      if (!before && spans.some((o) => !isForeign(o.actor) && o.start >= span.end && o.end <= verb.index)) continue;
      acted.add(actor.name);
      claimedFrom = Math.min(claimedFrom, before ? span.start : verb.index);

      const previous = ongoing.get(actor.name);
      const speech = SPEECH_VERBS.has(verb[0].split(" ")[0]!);
      if (previous && previous.through === position - 1 && speech) {
        previous.reaction.quote ??= quote;
        previous.through = position;
        continue;
      }
      const reaction: Reaction = {
        actor: actor.name,
        countryOrOrg: PARENTS.get(actor.affiliation!) ?? actor.affiliation!,
        gist: before ? invertedGist(text, verb[0], verb.index, quote) : gistFrom(text, verb.index, span.start, quote),
        quote,
        at: sentence.at,
        sentence: text,
        sentenceIndex: sentence.index,
      };
      const restated = reactions.find((r) => r.actor === reaction.actor && sameStatement(r.gist, reaction.gist));
      if (restated) {
        // A lead's "Baerbock calls for restraint" and the paragraph reporting it in full are one reaction.
        if (reaction.gist.length > restated.gist.length) Object.assign(restated, { gist: reaction.gist, sentence: text, sentenceIndex: sentence.index, at: reaction.at ?? restated.at });
        restated.quote ??= quote;
        ongoing.set(actor.name, { reaction: restated, through: position });
        continue;
      }
      reactions.push(reaction);
      ongoing.set(actor.name, { reaction, through: position });
    }
  });
  return reactions;
}
