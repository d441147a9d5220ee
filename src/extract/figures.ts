import type { Figure, FigureCategory, Qualifier, Sentence } from "./facts.js";
import { findQuantities, readNumber, type Quantity } from "./numbers.js";

/**
 * Figures (casualties, arrests and other counts) from sentences. The category comes only from
 * the words that grammatically tie a casualty to the number ("26 demonstrators had been killed",
 * "the death toll rose to 57", "4,000 arrests"): a number that merely stands near violence, such
 * as a leader's claim of 20,000 attackers, stays `other` with what it counts as its unit.
 */

type Casualty = Exclude<FigureCategory, "other">;

const CASUALTY_WORDS: ReadonlyArray<readonly [Casualty, string]> = [
  ["killed", "killed|killing|kills?|dead|died|dying|deaths?|death toll|toll|fatalities|fatally|lost their lives|perished|murdered|slain|bodies"],
  ["injured", "injured|injuring|injuries|wounded|wounding|hurt|hospitali[sz]ed|in hospital"],
  ["arrested", "arrested|arresting|arrests?|under arrest|apprehended"],
  ["detained", "detained|detaining|detentions?|detainees|in custody|taken into custody"],
  ["missing", "missing|unaccounted for|disappeared"],
];
const CASUALTY_GROUPS = CASUALTY_WORDS.map(([, words]) => `(${words})`).join("|");
const CASUALTY_ANY = new RegExp(`\\b(?:${CASUALTY_GROUPS})\\b`, "gi");
const CASUALTY_AT_START = new RegExp(`^(?:${CASUALTY_GROUPS})$`, "i");
// Nouns of a casualty word, which end the counted phrase: "4,000 arrests", "26 deaths".
const CASUALTY_NOUN = /^(?:deaths|dead|fatalities|arrests|detentions|detainees|injuries)$/i;

function casualtyOf(match: RegExpExecArray): Casualty | null {
  const group = match.slice(1).findIndex((g) => g !== undefined);
  return CASUALTY_WORDS[group]?.[0] ?? null;
}

const QUALIFIER_BEFORE = /\b(?:(at least|no fewer than|no less than|not less than|a minimum of|upwards of)|(more than|over|in excess of|above|exceeding)|(up to|at most|as many as|no more than|not more than|a maximum of|fewer than|less than|under)|(almost|nearly|close to|just under|just short of)|(about|around|some|roughly|approximately|approx\.|an estimated|estimated|circa|ca\.|in the region of))\s+$/i;
const QUALIFIER_ORDER: readonly Qualifier[] = ["at least", "more than", "up to", "almost", "about"];
const QUALIFIER_AFTER = /^(?:\s+or more\b|\+|\s+plus\b)/i;

// Words that end the counted noun phrase after a number: verbs, auxiliaries, prepositions,
// determiners, conjunctions other than a joining "and".
const STOP = new Set(
  ("is are was were be been being have has had will would could can may might must shall should do does did " +
    "who which that whom whose where when while as than in on at for from to of by with without across into " +
    "onto during since after before over under among amid including include includes and or but nor so yet " +
    "this these those the a an his her their its our your my also already still reportedly allegedly now then " +
    "just only more less nearly almost about around some all each per said says say told according later " +
    "earlier ago").split(" "),
);
const VERB_LIKE = /(?:ed|ing)$/i;
const VERBS = new Set("remain remained remains took take fled flee rose fell came went gave got made say".split(" "));
const PRONOUN = /^(?:them|us|whom|it|they|we|you|he|she|him|her|those|these)$/i;
// A counted thing that is a span of time is not a figure ("for 30 years", "three days of unrest").
const DURATION = /^(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|century|centuries|times)$/i;
const TOKEN = /\s*([“”"'‘’«»(]?)([A-Za-z][A-Za-z'’-]*)[“”"'‘’»)]?/y;

const PARTITIVE = /^(?:members|employees|staff|personnel|citizens|nationals|servicemen|officers)$/i;
const QUALIFIER_AHEAD = /\s+(?:(?:at least|more than|some|about|around|up to|nearly|almost|over)\s+)?/y;

/** Whether a number follows `at`: a verb running into it is that number's ("attackers killed 12 police"). */
function numberAhead(text: string, at: number): boolean {
  QUALIFIER_AHEAD.lastIndex = at;
  const gap = QUALIFIER_AHEAD.exec(text);
  return gap !== null && readNumber(text, at + gap[0].length) !== null;
}

function nextWordAt(text: string, at: number): string {
  return /^\s+([A-Za-z]+)/.exec(text.slice(at, at + 30))?.[1]?.toLowerCase() ?? "";
}

interface CountedPhrase {
  /** The words after the number saying what is counted, or null. */
  phrase: string | null;
  /** A casualty word inside the phrase: "26 dead", "4,000 arrests", "12 killed protesters". */
  casualty: Casualty | null;
  end: number;
}

function readCountedPhrase(text: string, from: number): CountedPhrase {
  const words: string[] = [];
  let casualty: Casualty | null = null;
  let end = from;
  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(text); m && words.length < 6; m = TOKEN.exec(text)) {
    const word = (m[2] ?? "").replace(/['’-]+$/, "");
    const lower = word.toLowerCase();
    const first = words.length === 0;
    if (first && !casualty) {
      const casualtyWord = CASUALTY_AT_START.exec(word);
      if (casualtyWord) {
        casualty = casualtyOf(casualtyWord);
        end = TOKEN.lastIndex;
        // "26 dead" ends the phrase; "18 dead members of the security forces" goes on to say who.
        const nextWord = nextWordAt(text, TOKEN.lastIndex);
        if (CASUALTY_NOUN.test(word) && !(lower === "dead" && nextWord && !STOP.has(nextWord) && !VERBS.has(nextWord))) break;
        continue;
      }
    }
    if (!first && CASUALTY_AT_START.test(word) && !numberAhead(text, TOKEN.lastIndex)) {
      // "left 225 people dead", "26 people killed in clashes".
      casualty = casualtyOf(CASUALTY_AT_START.exec(word)!);
      break;
    }
    if (lower === "of" && words.length === 1 && PARTITIVE.test(words[0] ?? "")) {
      // "18 members of the security forces"
      const the = /^\s+the\b/i.exec(text.slice(TOKEN.lastIndex));
      words.push(the ? "of the" : "of");
      if (the) TOKEN.lastIndex += the[0].length;
      continue;
    }
    if (lower === "and") {
      // "police officers and soldiers": a second noun joined on, but not "and 4,000 arrested".
      const nextWord = nextWordAt(text, TOKEN.lastIndex);
      // "19 members of the police and the military": the partitive's second group.
      const the = nextWord === "the" && words.includes("of the") ? /^\s+the\b/i.exec(text.slice(TOKEN.lastIndex)) : null;
      if (the) {
        words.push("and the");
        TOKEN.lastIndex += the[0].length;
        continue;
      }
      if (first || !nextWord || STOP.has(nextWord) || VERB_LIKE.test(nextWord) || CASUALTY_AT_START.test(nextWord)) break;
      words.push(word);
      continue;
    }
    if (STOP.has(lower) || VERBS.has(lower) || PRONOUN.test(word)) break;
    // "3,000 people gathered" ends at the verb; "26 armed men" keeps the adjective.
    if (VERB_LIKE.test(word) && (!first || !/^\s+[a-z]+/i.test(text.slice(TOKEN.lastIndex)) || STOP.has(nextWordAt(text, TOKEN.lastIndex)))) break;
    if (!first && m[1]) break; // an opening quote starts something new
    words.push(word);
    end = TOKEN.lastIndex;
  }
  while (/^(?:and|of|of the)$/i.test(words.at(-1) ?? "")) words.pop();
  return { phrase: words.length ? words.join(" ") : null, casualty, end };
}

// "three of the dead were children", "26 of them were killed".
const OF_GROUP = new RegExp(`^\\s+of\\s+(?:the|those|them)\\b(?:\\s+(?:${CASUALTY_GROUPS}|victims))?`, "i");
const OF_GROUP_WHO = /^\s+(?:were|was|are|is)\s+/i;
// An aside between a counted phrase and its verb: "164 people, including three children, were killed".
const ASIDE = /^\s*(?:,\s*(?:including|among them|among whom|of whom|most of them|many of them|mostly|mainly|among)\b[^,]*,|\([^)]*\))/i;
const JOINING_COMMA = /^\s*,\s*(?=(?:were|was|have|has|had|are|is)\b)/i;
const CLAUSE_END = /[,;:.!?]|\b(?:who|which|that|whom|but|while|whereas)\b/i;
const PASSIVE_OR_INTRANSITIVE = /\b(?:were|was|been|being|are|is|be|get|got)\s+(?:\w+\s+)?$/i;
const ACTIVE_VERB = /^(?:killed|killing|kills?|arrested|arresting|detained|detaining|injured|injuring|wounded|wounding|murdered|hurt)$/i;
const SPEECH_BETWEEN = /\b(?:said|says|reported|told|announced|stated)\b/i;

interface Reading {
  category: FigureCategory;
  counted: string | null;
}

function categorise(text: string, q: Quantity, leadStart: number, leadStarts: readonly number[]): Reading {
  const counted = readCountedPhrase(text, q.end);
  if (counted.casualty) return { category: counted.casualty, counted: counted.phrase };

  // The predicate runs up to the next number, looking past an aside that holds one itself.
  const aside = ASIDE.exec(text.slice(counted.end));
  const from = counted.end + (aside ? aside[0].length : 0);
  const next = leadStarts.find((start) => start >= from) ?? text.length;
  const rest = text.slice(from, next);
  if (!counted.phrase) {
    const group = OF_GROUP.exec(rest);
    if (group) {
      const casualty = casualtyOf(group);
      const afterGroup = rest.slice(group[0].length);
      const who = OF_GROUP_WHO.exec(afterGroup);
      const whoPhrase = who ? readCountedPhrase(afterGroup, who[0].length).phrase : null;
      if (casualty) return { category: casualty, counted: whoPhrase };
      const inner = readCountedPhrase(rest, group[0].length);
      const predicate = casualtyAfter(rest.slice(inner.end));
      if (predicate) return { category: predicate, counted: null };
    }
  }

  const predicate = casualtyAfter(rest);
  if (predicate) return { category: predicate, counted: counted.phrase };

  const before = casualtyBefore(text.slice(Math.max(0, leadStart - 80), leadStart));
  return { category: before ?? "other", counted: counted.phrase };
}

/** The verb that says what happened to the counted people: "had already been killed". */
function casualtyAfter(rest: string): Casualty | null {
  let window = rest;
  const joining = JOINING_COMMA.exec(window);
  if (joining) window = window.slice(joining[0].length);
  const clauseEnd = CLAUSE_END.exec(window);
  if (clauseEnd) window = window.slice(0, clauseEnd.index);
  window = window.slice(0, 80);
  CASUALTY_ANY.lastIndex = 0;
  const match = CASUALTY_ANY.exec(window);
  if (!match) return null;
  // "20,000 attackers killed 12 police": a bare active verb running into the next number says
  // what happened to that number's people, not to these.
  const runsIntoNext = !clauseEnd && window.slice(match.index + match[0].length).trim() === "";
  if (runsIntoNext && ACTIVE_VERB.test(match[0]) && !PASSIVE_OR_INTRANSITIVE.test(window.slice(0, match.index))) {
    return null;
  }
  return casualtyOf(match);
}

// Everything up to the last clause break before the number, which a casualty word must not cross.
const CLAUSE_BEFORE = /^.*(?:[,;:.!?]|\b(?:when|while|after|before|because|although|but|whereas|who|which|and)\b)/s;

/** A casualty word shortly before the number: "the death toll rose to 57", "killing at least 31". */
function casualtyBefore(before: string): Casualty | null {
  const clause = before.replace(CLAUSE_BEFORE, "");
  let last: RegExpExecArray | null = null;
  CASUALTY_ANY.lastIndex = 0;
  for (let m = CASUALTY_ANY.exec(clause); m; m = CASUALTY_ANY.exec(clause)) last = m;
  if (!last) return null;
  const between = clause.slice(last.index + last[0].length);
  // "The death toll from a week of unrest in the country rose to 164": a toll's verb ties the number
  // to it across a longer description of what the toll counts.
  const limit = /\btoll\b|\bnumber of\b/i.test(last[0]) || TOLL_VERB_BEFORE.test(between) ? 14 : 6;
  if (between.trim().split(/\s+/).filter(Boolean).length > limit || SPEECH_BETWEEN.test(between)) return null;
  return casualtyOf(last);
}

const TOLL_VERB_BEFORE = /\b(?:rose|risen|rises|climbed|climbs|jumped|increased|reached|reaches|stands|stood|now)\s+(?:to|at)?\s*$/i;

// Sources. "according to official information", "citing the interior ministry",
// "State television reported", ", the health ministry said", "said Interior Minister X".
const ACCORDING_TO = /\b(?:according to|citing|quoting)\s+(?:(?:information|figures|data|reports?|estimates|a statement|statements|sources)\s+(?:from|by|of)\s+)?((?:[^,;:.!?]|\.(?=\S))+)/gi;
const SPEECH = /\b(?:reported|reports|said|says|say|told|announced|announces|stated|confirmed|claimed|spoke of|speaks of|put the (?:death )?toll at|wrote|tweeted|declared|estimated)\b/gi;
const CLAUSE_START = /^(?:.*(?:[,;:“”"]|\bthat\b|\band\b|\bbut\b))?\s*/s;
const TRAILING_AUX = /\s+(?:has|have|had|was|were|is|are|also|later|then|has also|had earlier)$/i;
const SOURCE_PRONOUN = /^(?:he|she|it|they|we|i|this|that|there|who)$/i;
const SOURCE_END = /\s+(?:(?:on|in|at|late|early|last|this|that|there|at least|more than|up to|about|some)\b|\d).*$/is;
const LEADING_ARTICLE = /^(?:the|The)\s+/;

interface Source {
  name: string;
  at: number;
}

function cleanSource(raw: string): string | null {
  const words = raw.replace(LEADING_ARTICLE, "").replace(/[“”"]/g, "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 7) return null;
  const name = words.join(" ");
  return SOURCE_PRONOUN.test(name) ? null : name;
}

// "X, head of the prosecution office, told reporters": the speaker stands before the appositive.
const BEFORE_APPOSITIVE = /([^,;:.!?]+),[^,;:.!?“”"]+,\s*$/;
const SPEAKS = /\b(?:said|says|told|reported|announced)\b/;
// Whom something is told is the listener, not the source.
const TOLD = /^told$/i;

/** `previous` is the source the sentence before named, whom "it said" or "he said" refers back to. */
function findSources(text: string, previous: string | null): Source[] {
  const sources: Source[] = [];
  ACCORDING_TO.lastIndex = 0;
  for (let m = ACCORDING_TO.exec(text); m; m = ACCORDING_TO.exec(text)) {
    const name = cleanSource((m[1] ?? "").replace(SOURCE_END, ""));
    if (name) sources.push({ name, at: m.index });
  }
  SPEECH.lastIndex = 0;
  for (let m = SPEECH.exec(text); m; m = SPEECH.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 120), m.index);
    const subject = before.replace(CLAUSE_START, "").trim().replace(TRAILING_AUX, "").trim();
    let name = subject ? cleanSource(subject) : null;
    if (subject && !name && SOURCE_PRONOUN.test(subject) && previous) name = previous;
    const apposed = subject ? null : BEFORE_APPOSITIVE.exec(before);
    if (apposed) name = cleanSource(apposed[1]!.replace(CLAUSE_START, ""));
    else if (!subject && !TOLD.test(m[0])) {
      // Inverted: ", said Interior Minister Erlan Turgumbayev."
      const after = /^\s+([^,;:.!?]+)/.exec(text.slice(m.index + m[0].length));
      name = after?.[1] ? cleanSource(after[1].replace(SOURCE_END, "")) : null;
    }
    if (name) sources.push({ name, at: m.index });
  }
  return sources;
}

function nearestSource(sources: readonly Source[], at: number): string | null {
  let best: Source | null = null;
  for (const source of sources) {
    if (!best || Math.abs(source.at - at) < Math.abs(best.at - at)) best = source;
  }
  return best?.name ?? null;
}

function qualifierOf(text: string, q: Quantity): { qualifier: Qualifier; leadStart: number } {
  const before = text.slice(Math.max(0, q.start - 30), q.start);
  const match = QUALIFIER_BEFORE.exec(before);
  if (match) {
    const group = match.slice(1).findIndex((g) => g !== undefined);
    return { qualifier: QUALIFIER_ORDER[group] ?? "exact", leadStart: q.start - match[0].length };
  }
  if (QUALIFIER_AFTER.test(text.slice(q.end, q.end + 10))) return { qualifier: "at least", leadStart: q.start };
  return { qualifier: "exact", leadStart: q.start };
}

// "no one", "one of the", "the two countries": references rather than counts unless they name a casualty.
const INCLUDING_BEFORE = /\b(?:including|among them|among whom|of whom|of them)\s+$/i;
const WEAK_SPELLED = /^(?:one|an?)\b/i;
const DETERMINER_BEFORE = /\b(?:the|these|those|both|its|their|his|her|our|all)\s+$/i;
// "Khabar 24", "Channel 4", "Article 19": digits after a capitalised word name something.
const NAME_BEFORE = /(?:^|[^.!?]\s)(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][A-Za-z]*\s$/;

// "164 killed, 103 of them in Almaty": a share of the figure before, placed but with no verb of its own
// ("two of them beheaded" says something else about them).
const SHARE_OF_PREVIOUS = /^\s+of\s+(?:them|those|whom)(?:\s+(?:in|at|on|from|near|across|inside|outside)\b|\s*[,;.)]|\s*$)/i;
const SHARE_PLACE = /^\s+of\s+(?:them|those|whom)\s+((?:in|at|on|from|near|across|inside|outside)\s+[^,;:.!?()]{1,40}?)\s*(?:[,;:.!?()]|$)/u;
// "12 police officers killed and 353 wounded": a casualty word right after the second count leaves out its people.
const ELLIPTIC_BEFORE = /(?:\band|,)\s*$/i;
const MAX_ELLIPSIS_WORDS = 12;

function figuresOf(sentence: Sentence, quantities: readonly Quantity[], sources: readonly Source[]): Figure[] {
  const text = sentence.text;
  if (quantities.length === 0) return [];
  const leads = quantities.map((q) => qualifierOf(text, q));
  const leadStarts = leads.map((lead) => lead.leadStart);
  const figures: Figure[] = [];
  quantities.forEach((q, i) => {
    const { qualifier, leadStart } = leads[i]!;
    let reading = q.unit ? { category: "other" as const, counted: null } : categorise(text, q, leadStart, leadStarts);
    const previous = figures.at(-1);
    if (reading.category === "other" && reading.counted && previous && previous.category !== "other" &&
      INCLUDING_BEFORE.test(text.slice(Math.max(0, leadStart - 20), leadStart))) {
      // "4,353 people were injured, including 3,393 law enforcement officers": a share of the same toll.
      reading = { category: previous.category, counted: reading.counted };
    }
    if (previous && previous.category !== "other" && !reading.counted && i > 0) {
      const between = text.slice(quantities[i - 1]!.end, leadStart);
      if (reading.category === "other" && SHARE_OF_PREVIOUS.test(text.slice(q.end))) {
        // A share counts other people than its total ("people in Almaty", not "people"), so it never
        // stands in a series as the total's later value.
        const place = SHARE_PLACE.exec(text.slice(q.end))?.[1];
        const people = previous.who ?? "people";
        reading = { category: previous.category, counted: place ? `${people} ${place}` : `${people} among the ${previous.count.toLocaleString("en")}` };
      } else if (reading.category !== "other" && CASUALTY_AT_START.test(nextWordAt(text, q.end)) && ELLIPTIC_BEFORE.test(between) && between.trim().split(/\s+/).length <= MAX_ELLIPSIS_WORDS) {
        reading = { category: reading.category, counted: previous.who };
      }
    }
    const unit = q.unit ?? (reading.category === "other" ? reading.counted : null);
    if (reading.category === "other") {
      if (!unit || unit.split(" ").some((word) => DURATION.test(word))) return;
      if (q.spelled && WEAK_SPELLED.test(text.slice(q.start, q.end))) return;
      const before = text.slice(Math.max(0, leadStart - 16), leadStart);
      if (DETERMINER_BEFORE.test(before) || (!q.spelled && leadStart === q.start && NAME_BEFORE.test(before))) return;
    }
    figures.push({
      category: reading.category,
      count: q.value,
      qualifier,
      who: reading.category === "other" ? null : reading.counted,
      unit: reading.category === "other" ? unit : null,
      attributedTo: nearestSource(sources, q.start),
      asOf: sentence.at,
      unverified: sentence.unverified,
      sentence: text,
      sentenceIndex: sentence.index,
    });
  });
  return figures;
}

/** Every figure stated in the sentences, in reading order. Pure and deterministic. */
export function extractFigures(sentences: readonly Sentence[]): Figure[] {
  const figures: Figure[] = [];
  let previous: string | null = null;
  for (const sentence of sentences) {
    const quantities = findQuantities(sentence.text);
    // Sources are only looked for where a number stands or where a next sentence's "it said" may need them.
    const sources: Source[] = quantities.length > 0 || SPEAKS.test(sentence.text) ? findSources(sentence.text, previous) : [];
    figures.push(...figuresOf(sentence, quantities, sources));
    previous = sources.at(-1)?.name ?? null;
  }
  return figures;
}
