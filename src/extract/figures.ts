import type { AnalyzedArticle, AnalyzedSentence, Token } from "../analyse/index.js";
import { vocabulary, type CasualtyCategory } from "../analyse/vocabulary.js";
import { nearestSource, sentenceSources, type Source } from "./attribution.js";
import type { Figure, FigureCategory, Qualifier } from "./facts.js";
import { findQuantities, type Quantity } from "./numbers.js";

/**
 * Figures (casualties, arrests and other counts) from analysed sentences. A count is a casualty
 * figure only when a casualty word is grammatically tied to it: in the counted phrase ("26 dead",
 * "4,000 arrests"), as the verb that happened to the counted people ("317 servicemen have been
 * injured"), or as the verb or toll the number completes ("killing at least 31", "the death toll
 * rose to 57", "claimed 30 lives"). A number that merely stands near violence, such as a leader's
 * claim of 20,000 attackers, stays `other`, with what it counts as its unit.
 */

const PARTITIVES = new Set([
  "member",
  "members",
  "employee",
  "employees",
  "staff",
  "personnel",
  "citizen",
  "citizens",
  "national",
  "nationals",
  "serviceman",
  "servicemen",
  "officer",
  "officers",
  "officials",
  "representatives",
]);
const INTRANSITIVE = new Set(["die", "perish", "succumb", "disappear", "vanish", "drown"]);
const SHARE_WORDS = new Set(["them", "whom", "those", "these"]);
const INCLUDING = new Set(["including", "among", "incl"]);
const CLAUSE_BREAK = new Set([",", ";", ":", "(", ")", "—", "–"]);
const CLAUSE_WORDS = new Set(["who", "which", "that", "whom", "but", "while", "whereas", "when", "after", "before", "because", "although"]);
const QUOTE_MARKS = new Set(["“", "”", '"', "‘", "’", "«", "»"]);
const MAX_PHRASE = 6;
const NEAR = 6;
const TOLL_REACH = 14;

interface NumberAt {
  q: Quantity;
  /** Token range of the number itself. */
  start: number;
  end: number;
  /** First token of the number and its qualifier ("more than 4,000"). */
  lead: number;
  qualifier: Qualifier;
}

const QUALIFIER_PHRASES: { words: string[]; qualifier: Qualifier }[] = Object.entries(vocabulary.qualifiersBefore)
  .flatMap(([qualifier, phrases]) => phrases.map((p) => ({ words: p.toLowerCase().split(/\s+/), qualifier: qualifier as Qualifier })))
  .sort((a, b) => b.words.length - a.words.length);
const QUALIFIERS_AFTER = vocabulary.qualifiersAfter["at least"].map((p) => p.toLowerCase());

function tokenAt(tokens: readonly Token[], offset: number): number {
  const i = tokens.findIndex((t) => t.end > offset);
  return i < 0 ? tokens.length : i;
}

function numbersOf(sentence: AnalyzedSentence): NumberAt[] {
  const { tokens } = sentence;
  return findQuantities(sentence.text).map((q) => {
    const start = tokenAt(tokens, q.start);
    let end = start;
    while (end < tokens.length && tokens[end]!.start < q.end) end++;
    let lead = start;
    let qualifier: Qualifier = "exact";
    for (const phrase of QUALIFIER_PHRASES) {
      const from = start - phrase.words.length;
      if (from >= 0 && phrase.words.every((w, k) => tokens[from + k]!.lower === w)) {
        lead = from;
        qualifier = phrase.qualifier;
        break;
      }
    }
    const after = tokens
      .slice(end, end + 2)
      .map((t) => t.lower)
      .join(" ");
    if (qualifier === "exact" && (QUALIFIERS_AFTER.some((p) => after.startsWith(p)) || sentence.text[q.end] === "+")) qualifier = "at least";
    return { q, start, end, lead, qualifier };
  });
}

const casualtyOfWord = (t: Token | undefined): CasualtyCategory | null =>
  t === undefined
    ? null
    : (vocabulary.casualtyNouns.get(t.lemma) ??
      vocabulary.casualtyAdjectives.get(t.lower) ??
      (t.pos === "VERB" ? (vocabulary.casualtyVerbs.get(t.lemma) ?? null) : null));

interface Counted {
  /** The words after the number saying who or what is counted. */
  who: string | null;
  casualty: CasualtyCategory | null;
  /** Lemma of the phrase's head ("life", "hour", "troop"). */
  head: string | null;
  end: number;
}

/** "317 police and national guard servicemen", "18 dead members of the security forces", "26 dead". */
function countedPhrase(sentence: AnalyzedSentence, from: number): Counted {
  const { tokens, text } = sentence;
  let casualty: CasualtyCategory | null = null;
  let i = from;
  let start = -1;
  let end = from;
  let head: string | null = null;
  while (i < tokens.length && i - from < MAX_PHRASE + 2) {
    const t = tokens[i]!;
    if (QUOTE_MARKS.has(t.text)) {
      i++;
      continue;
    }
    const first = start < 0 && casualty === null;
    const word = casualtyOfWord(t);
    if (first && word) {
      casualty = word;
      end = i + 1;
      i++;
      // "26 dead" ends; "18 dead members of the security forces" goes on to say who.
      while (QUOTE_MARKS.has(tokens[i]?.text ?? "")) i++;
      const next = tokens[i];
      if (t.pos === "NOUN" || !next || (next.pos !== "NOUN" && next.pos !== "ADJ" && next.pos !== "PROPN")) break;
      continue;
    }
    if (
      t.pos === "NOUN" ||
      t.pos === "PROPN" ||
      (t.pos === "ADJ" && tokens[i + 1] && (tokens[i + 1]!.pos === "NOUN" || tokens[i + 1]!.pos === "PROPN" || tokens[i + 1]!.pos === "ADJ"))
    ) {
      if (start < 0) start = i;
      head = t.lemma;
      end = i + 1;
      i++;
      continue;
    }
    // "members of the security forces", "police and soldiers".
    if (t.lower === "of" && start >= 0 && PARTITIVES.has(tokens[i - 1]!.lower)) {
      i += tokens[i + 1]?.lower === "the" ? 2 : 1;
      continue;
    }
    if (
      t.lower === "and" &&
      start >= 0 &&
      (tokens[i + 1]?.pos === "NOUN" ||
        tokens[i + 1]?.pos === "ADJ" ||
        (tokens[i + 1]?.lower === "the" && tokens.slice(start, i).some((w) => w.lower === "of")))
    ) {
      if (casualtyOfWord(tokens[i + 1]) || tokens[i + 1]?.pos === "NUM") break;
      i += tokens[i + 1]?.lower === "the" ? 2 : 1;
      continue;
    }
    break;
  }
  // A casualty word closing the phrase: "12 protesters killed", "225 people dead".
  if (!casualty && start >= 0 && end - start > 1) {
    const last = tokens[end - 1]!;
    const closing = casualtyOfWord(last);
    if (closing && last.pos !== "NOUN") {
      casualty = closing;
      end--;
    }
  }
  const who = start >= 0 && end > start ? text.slice(tokens[start]!.start, tokens[end - 1]!.end).replace(/[“”"‘’«»]/g, "") : null;
  return { who, casualty, head, end: Math.max(end, from) };
}

/** Over ", including three children," or "(19 of them police)" to the verb of the counted people. */
function skipAside(tokens: readonly Token[], from: number): number {
  const t = tokens[from];
  if (t?.text === "(") {
    const close = tokens.findIndex((o, j) => j > from && o.text === ")");
    return close > 0 ? close + 1 : from;
  }
  if (t?.text === "," && INCLUDING.has(tokens[from + 1]?.lower ?? "")) {
    const close = tokens.findIndex((o, j) => j > from + 1 && o.text === ",");
    return close > 0 ? close + 1 : from;
  }
  return from;
}

/** What happened to the counted people, from the verb after them: "had already been killed", "died", "remain in custody". */
function casualtyAfter(sentence: AnalyzedSentence, from: number): CasualtyCategory | null {
  const { tokens } = sentence;
  let i = skipAside(tokens, from);
  const limit = Math.min(tokens.length, i + 8);
  for (; i < limit; i++) {
    const t = tokens[i]!;
    if (CLAUSE_BREAK.has(t.text) || CLAUSE_WORDS.has(t.lower) || t.pos === "NUM") return null;
    if (t.pos === "ADV" || t.pos === "AUX" || t.pos === "PART" || t.lemma === "have" || t.lemma === "be") continue;
    // "were among those hurt", "are among the dead".
    if ((t.pos === "DET" || t.pos === "PRON") && tokens[i - 1]?.lower === "among") continue;
    const word = casualtyOfWord(t);
    if (word && t.pos === "VERB") {
      const passive = tokens.slice(Math.max(0, i - 3), i).some((a) => a.pos === "AUX" && (a.lemma === "be" || a.lemma === "get"));
      // "20,000 attackers killed 12 police": an active verb running into an object is what these did to others.
      const object = tokens[i + 1];
      if (!passive && !INTRANSITIVE.has(t.lemma) && object && (object.pos === "NUM" || object.pos === "DET" || object.pos === "NOUN")) return null;
      return word;
    }
    if (word) return word;
    // "are said to have been killed", "were feared to have died", "are estimated to have".
    if (t.pos === "VERB" && (vocabulary.hearsayVerbs.has(t.lemma) || vocabulary.reportingVerbs.has(t.lemma)) && tokens[i + 1]?.lower === "to") {
      i++;
      continue;
    }
    // "lost their lives", "were taken into custody", "were reported dead".
    if (t.pos === "VERB") {
      const rest = tokens.slice(i + 1, i + 4);
      if (vocabulary.livesVerbs.has(t.lemma) && rest.some((o) => vocabulary.lives.has(o.lemma))) return "killed";
      const described = rest.find((o) => casualtyOfWord(o) && o.pos !== "VERB");
      if (described) return casualtyOfWord(described);
      return null;
    }
    if (t.pos !== "ADP") return null;
  }
  return null;
}

/**
 * When a count held: the day its sentence names when that is before the report ("the ministry said
 * on Friday that 40 had died", in Sunday's recap), else the report's time. Dated by the recap, an
 * earlier count would stand beside a later one as its rival instead of before it as its history.
 */
function figureTime(sentence: AnalyzedSentence): string | null {
  if (sentence.day && sentence.at && sentence.day < sentence.at.slice(0, 10)) return sentence.day;
  return sentence.at;
}

/** Words a "number of" phrase may hold before its casualty word: "the number of (people | those | young men) killed". */
const COUNTED_WORDS = new Set(["NOUN", "PROPN", "ADJ", "PRON", "DET", "NUM"]);

/** Whether the casualty word at `i` ends "the number of …": "the number of people detained rose to 5,800". */
function endsNumberOf(tokens: AnalyzedSentence["tokens"], i: number): boolean {
  for (let j = i - 1; j >= Math.max(1, i - 4); j--) {
    const t = tokens[j];
    if (t?.lower === "of") return tokens[j - 1]?.lemma === "number";
    if (!t || !COUNTED_WORDS.has(t.pos)) return false;
  }
  return false;
}

/** A casualty verb or toll the number completes: "killing at least 31", "arrested 4,400 people", "the death toll rose to 57". */
function casualtyBefore(sentence: AnalyzedSentence, lead: number): CasualtyCategory | null {
  const { tokens } = sentence;
  let clauseStart = lead - 1;
  while (clauseStart >= 0 && !CLAUSE_BREAK.has(tokens[clauseStart]!.text) && !CLAUSE_WORDS.has(tokens[clauseStart]!.lower)) clauseStart--;
  for (let i = lead - 1; i > clauseStart && lead - i <= TOLL_REACH; i--) {
    const t = tokens[i]!;
    if (vocabulary.speechVerbs.has(t.lemma) && t.pos === "VERB") return null;
    const word = casualtyOfWord(t) ?? (t.pos === "NOUN" ? null : null);
    if (!word) continue;
    const between = tokens.slice(i + 1, lead);
    const numberOf = endsNumberOf(tokens, i);
    const toll = t.lemma === "toll" || tokens[i - 1]?.lemma === "toll" || numberOf;
    const tollVerb =
      between.some((b) => vocabulary.tollVerbs.has(b.lemma)) ||
      between.at(-1)?.lower === "of" ||
      between.at(-1)?.lower === "at" ||
      between.at(-1)?.lower === "to";
    if (toll || tollVerb ? lead - i <= TOLL_REACH : lead - i <= NEAR) {
      // "killing at least 31": a verb right before the count says what happened to it.
      if (t.pos === "VERB" && between.every((b) => b.pos === "ADV" || b.pos === "ADP" || b.pos === "DET" || b.lower === "some")) return word;
      // In "the number of people killed" the participle names what is counted, as a noun would.
      if ((t.pos !== "VERB" || numberOf) && (toll || tollVerb)) return word;
    }
  }
  return null;
}

function isWeak(sentence: AnalyzedSentence, n: NumberAt, counted: Counted): boolean {
  const { tokens } = sentence;
  const written = sentence.text.slice(n.q.start, n.q.end).toLowerCase();
  if (n.q.spelled && /^(?:one|an?)\b/.test(written)) return true;
  if (counted.head && (vocabulary.durations.has(counted.head) || vocabulary.notCounted.has(counted.head))) return true;
  const before = tokens[n.lead - 1];
  // "the two countries", "its 19 million people"; "Khabar 24", "Article 19".
  if (before && (before.pos === "DET" || ["its", "their", "his", "her", "our"].includes(before.lower)) && before.lower !== "some") return true;
  if (before && !n.q.spelled && n.lead === n.start && before.capitalised && before.end === tokens[n.start]!.start - 1 && before.pos === "PROPN") return true;
  return false;
}

/** A figure and whether its sentence reports the count itself ("225 bodies were delivered") or only refers to it ("the deaths of 225 people"). */
interface Read {
  figure: Figure;
  reported: boolean;
}

function figuresOf(analysis: AnalyzedArticle, sentence: AnalyzedSentence, sources: readonly Source[]): Read[] {
  const { tokens } = sentence;
  const figures: Figure[] = [];
  const reported: boolean[] = [];
  const numbers = numbersOf(sentence);
  numbers.forEach((n, k) => {
    const previous = figures.at(-1);
    const counted = countedPhrase(sentence, n.end);
    // "nearly two weeks of rioting", "the past 24 hours": a span of time counts nothing.
    if (counted.head && vocabulary.durations.has(counted.head)) return;
    let category: FigureCategory = "other";
    let who = counted.who;
    let isReported = true;
    const group = ofTheGroup(sentence, n.end);
    if (n.q.unit === null && group) {
      category = group.category;
      who = group.who;
    } else if (n.q.unit === null) {
      const lives =
        counted.head !== null &&
        vocabulary.lives.has(counted.head) &&
        tokens.slice(Math.max(0, n.lead - 3), n.lead).some((t) => vocabulary.livesVerbs.has(t.lemma));
      const direct = lives || livesOf(tokens, n.lead) ? "killed" : (counted.casualty ?? casualtyAfter(sentence, counted.end));
      category = direct ?? casualtyBefore(sentence, n.lead) ?? "other";
      isReported = direct !== null || tokens.slice(Math.max(0, n.lead - 3), n.lead).some((t) => t.pos === "VERB");
      if (lives) who = null;
      const after = tokens[n.end];
      const sharesPrevious = previous && previous.category !== "other" && k > 0;
      const shareEnd = tokens[n.end + 2];
      const placedShare = !shareEnd || shareEnd.pos === "ADP" || shareEnd.pos === "PUNCT";
      if (sharesPrevious && after?.lower === "of" && SHARE_WORDS.has(tokens[n.end + 1]?.lower ?? "") && !placedShare) return;
      if (sharesPrevious && after?.lower === "of" && SHARE_WORDS.has(tokens[n.end + 1]?.lower ?? "")) {
        // "164 killed, 103 of them in Almaty": a share counts other people than its total.
        category = previous.category;
        const place = tokens[n.end + 2]?.pos === "ADP" ? placeAfter(sentence, n.end + 2) : null;
        who = place ? `${previous.who ?? "people"} ${place}` : `${previous.who ?? "people"} among the ${previous.count.toLocaleString("en")}`;
      } else if (sharesPrevious && category === "other" && !who && INCLUDING.has(tokens[n.lead - 1]?.lower ?? "") && tokens[n.end]?.pos === "ADP") {
        // "164 people were killed, including 103 in Almaty": the place's share of the total.
        const place = placeAfter(sentence, n.end);
        if (place) {
          category = previous.category;
          who = `${previous.who ?? "people"} ${place}`;
        }
      } else if (sharesPrevious && category === "other" && who && INCLUDING.has(tokens[n.lead - 1]?.lower ?? "")) {
        // "4,353 people were injured, including 3,393 law enforcement officers".
        category = previous.category;
      } else if (sharesPrevious && counted.casualty && counted.who === null && /^(?:and|,)$/.test(tokens[n.lead - 1]?.lower ?? "")) {
        // "317 servicemen have been injured and eight killed": the second count's people are the first's.
        who = previous.who;
      }
    }
    if (category === "other") {
      if (n.q.unit === null && (!counted.who || isWeak(sentence, n, counted))) return;
      if (n.q.unit !== null && isWeak(sentence, n, counted) && counted.head && vocabulary.durations.has(counted.head)) return;
    } else if (n.q.spelled && /^(?:an?)\b/i.test(sentence.text.slice(n.q.start, n.q.end))) {
      return;
    }
    figures.push({
      category,
      count: n.q.value,
      qualifier: n.qualifier,
      who: category === "other" ? null : who,
      unit: category === "other" ? (n.q.unit ?? counted.who) : null,
      attributedTo: nearestSource(sources, n.start)?.name ?? null,
      asOf: figureTime(sentence),
      unverified: sentence.unverified,
      sentence: sentence.text,
      sentenceIndex: sentence.index,
    });
    reported.push(isReported);
  });
  return figures.map((figure, i) => ({ figure, reported: reported[i]! }));
}

/** "claimed the lives of 17 people", "cost the lives of at least 40": the counted people died. */
function livesOf(tokens: readonly Token[], lead: number): boolean {
  if (tokens[lead - 1]?.lower !== "of" || !vocabulary.lives.has(tokens[lead - 2]?.lemma ?? "")) return false;
  return tokens.slice(Math.max(0, lead - 5), lead - 2).some((t) => vocabulary.livesVerbs.has(t.lemma));
}

/** "Three of the dead were children", "two of the injured": a part of a casualty group, and who it is. */
function ofTheGroup(sentence: AnalyzedSentence, at: number): { category: CasualtyCategory; who: string | null } | null {
  const { tokens } = sentence;
  if (tokens[at]?.lower !== "of" || !["the", "those"].includes(tokens[at + 1]?.lower ?? "")) return null;
  const category = casualtyOfWord(tokens[at + 2]);
  if (!category) return null;
  // "… were children": what the copula says they were.
  const copula = tokens[at + 3];
  const who = copula && copula.lemma === "be" ? countedPhrase(sentence, at + 4).who : null;
  return { category, who };
}

/** "in Almaty", "in the capital" after a share. */
function placeAfter(sentence: AnalyzedSentence, at: number): string | null {
  const { tokens, text } = sentence;
  let end = at + 1;
  while (
    end < tokens.length &&
    end - at <= 5 &&
    !CLAUSE_BREAK.has(tokens[end]!.text) &&
    tokens[end]!.pos !== "VERB" &&
    tokens[end]!.pos !== "AUX" &&
    tokens[end]!.text !== "."
  )
    end++;
  return end > at + 1 ? text.slice(tokens[at]!.start, tokens[end - 1]!.end) : null;
}

/**
 * Every figure the article states, in reading order; a count repeated (a headline and the paragraph
 * that gives it in full) is kept once, from the paragraph.
 */
export function extractFigures(analysis: AnalyzedArticle): Figure[] {
  const reads: Read[] = [];
  let previous: Source | null = null;
  for (const sentence of analysis.sentences) {
    analysis.budget.check("figures");
    const sources = sentenceSources(analysis, sentence, previous);
    reads.push(...figuresOf(analysis, sentence, sources));
    if (sources.length) previous = sources.at(-1)!;
  }
  const headings = new Set(analysis.sentences.filter((s) => s.heading).map((s) => s.index));
  const key = (f: Figure) => `${f.category}:${f.count}`;
  const inParagraphs = new Set(reads.filter((r) => !headings.has(r.figure.sentenceIndex)).map((r) => key(r.figure)));
  // Of a casualty count said twice, the report that states it (with its source) is kept, not a passing reference.
  const stated = reads.filter((r) => !(headings.has(r.figure.sentenceIndex) && inParagraphs.has(key(r.figure))));
  const kept = new Map<string, Read>();
  for (const r of stated) {
    if (r.figure.category === "other") continue;
    const earlier = kept.get(key(r.figure));
    if (!earlier || (!earlier.reported && r.reported)) kept.set(key(r.figure), r);
  }
  return stated.filter((r) => r.figure.category === "other" || kept.get(key(r.figure)) === r).map((r) => r.figure);
}
