import type { ItemToken, WinkMethods } from "wink-nlp";
import { boundedMemo } from "../bounded-memo.js";
import { onFirstUse } from "../first-use.js";
import type { Pos, Quote, Token } from "./types.js";
import { vocabulary } from "./vocabulary.js";

/**
 * Sentences and tokens of a block of text, with part of speech and lemma, from wink-nlp's English
 * model (it ships inside its npm package). Only sentence boundaries and tagging are run: the
 * model's own entities (numbers, dates) and sentiment are not used.
 */

interface Tagger {
  nlp: WinkMethods;
  its: WinkMethods["its"];
  lemmaOf: Parameters<ItemToken["out"]>[0];
  /** Unknown words get ids past the lexicon, in the order first seen: the first id handed out to a nonsense word is where the lexicon ends. */
  lexiconSize: number;
}

const wink = onFirstUse<typeof import("wink-nlp").default>("wink-nlp");
const englishModel = onFirstUse<typeof import("wink-eng-lite-web-model").default>("wink-eng-lite-web-model");
let loaded: Tagger | null = null;

/**
 * The model, loaded on first use (35 MB of the process): an idle bot has not tokenized anything,
 * and a bot whose ingests run on a worker thread loads it here only for the first /ask.
 */
function tagger(): Tagger {
  if (loaded) return loaded;
  const nlp = wink()(englishModel(), ["sbd", "pos"]);
  const its = nlp.its;
  // The package's typings give the lemma helper a signature its own `out()` does not accept.
  const lemmaOf = its.lemma as unknown as Parameters<ItemToken["out"]>[0];
  const lexiconSize = nlp.readDoc("qxzjvwqk").tokens().itemAt(0).out(its.uniqueId) as number;
  return (loaded = { nlp, its, lemmaOf, lexiconSize });
}

/** A sentence longer than this many tokens is cut at its last punctuation before the limit. */
const MAX_SENTENCE_TOKENS = 150;

export interface TokenizedSentence {
  text: string;
  tokens: Token[];
  quotes: Quote[];
}

interface RawToken {
  text: string;
  pos: Pos;
  lemma: string;
  /** Offsets in the block text. */
  start: number;
  end: number;
  kind: string;
  sentence: number;
}

const OPENING = new Set(["“", "‘", "«", "„"]);
const CLOSING = new Set(["”", "’", "»"]);
const STRAIGHT = new Set(['"']);

// Whether a word is in the tagger's lexicon, asked of its lowercase form ("Smith" is "smith");
// the answer never changes, so it is kept (and the list bounded).
const MAX_REMEMBERED = 100_000;

const isUnknownWord = boundedMemo((lower: string): boolean => {
  const { nlp, its, lexiconSize } = tagger();
  return (nlp.readDoc(lower).tokens().itemAt(0).out(its.uniqueId) as number) >= lexiconSize;
}, MAX_REMEMBERED);

function readRaw(text: string): RawToken[] {
  const { nlp, its, lemmaOf } = tagger();
  const doc = nlp.readDoc(text);
  // Whole columns at once: one call per property instead of one per token and property.
  const tokens = doc.tokens();
  const surfaces = tokens.out();
  const tags = tokens.out(its.pos) as Pos[];
  const lemmas = tokens.out(lemmaOf) as string[];
  const kinds = tokens.out<string>(its.type);
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const raw: RawToken[] = [];
  let cursor = 0;
  spans.forEach(([first, last], n) => {
    for (let i = first; i <= last; i++) {
      const surface = surfaces[i]!;
      const found = text.indexOf(surface, cursor);
      const start = found >= 0 ? found : cursor;
      const end = found >= 0 ? start + surface.length : cursor;
      cursor = end;
      raw.push({ text: surface, pos: tags[i]!, lemma: lemmas[i]!.toLowerCase(), start, end, kind: kinds[i]!, sentence: n });
    }
  });
  return raw;
}

/** "Vlast" "." "kz" written without spaces is one name: a web address the tagger split. */
function joinDomains(raw: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i]!;
    const dot = raw[i + 1];
    const suffix = raw[i + 2];
    if (token.kind === "word" && dot?.text === "." && suffix && dot.start === token.end && suffix.start === dot.end && /^[a-z]{2,6}$/.test(suffix.text)) {
      out.push({
        ...token,
        text: `${token.text}.${suffix.text}`,
        lemma: `${token.text}.${suffix.text}`.toLowerCase(),
        pos: "PROPN",
        end: suffix.end,
        sentence: token.sentence,
      });
      i += 2;
      continue;
    }
    out.push(token);
  }
  return out;
}

/** "Kassym" "-" "Jomart" written without spaces is one word; so is "Russian-led". */
function joinHyphenated(raw: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    let token = raw[i]!;
    while (
      token.kind === "word" &&
      raw[i + 1]?.text === "-" &&
      raw[i + 1]!.start === token.end &&
      raw[i + 2]?.kind === "word" &&
      raw[i + 2]!.start === raw[i + 1]!.end &&
      raw[i + 2]!.sentence === token.sentence
    ) {
      const next = raw[i + 2]!;
      const allNames = /^\p{Lu}/u.test(token.text) && /^\p{Lu}/u.test(next.text);
      // "Russian-backed", "shoot-to-kill": a compound ending in a verb form describes, it does not act.
      const pos: Pos = allNames ? "PROPN" : next.pos === "VERB" ? "ADJ" : next.pos;
      token = {
        ...token,
        text: `${token.text}-${next.text}`,
        lemma: `${token.text}-${next.text}`.toLowerCase(),
        pos,
        end: next.end,
      };
      i += 2;
    }
    out.push(token);
  }
  return out;
}

/**
 * A word's lemma read on its own ("troops" → troop), for a sentence's first word, whose capital
 * the tagger can take for a name's ("Troops began arriving" keeps "troops"). Kept, like the lexicon
 * look-ups above.
 */
export const lemmaOfWord = boundedMemo((lower: string): string => {
  const { nlp, lemmaOf } = tagger();
  return (nlp.readDoc(lower).tokens().out(lemmaOf) as string[])[0]?.toLowerCase() ?? lower;
}, MAX_REMEMBERED);

/** "Eyewitnesses": the lexicon lacks some plurals of words it knows. */
function isPluralOfKnownWord(lower: string): boolean {
  if (lower.length < 5 || !lower.endsWith("s")) return false;
  return !isUnknownWord(lower.slice(0, -1)) || (lower.endsWith("es") && !isUnknownWord(lower.slice(0, -2)));
}

/** "ex-prime" (as the tagger keeps it) is the prefix "ex-" on "prime": titles read the two apart. */
function splitPrefixes(raw: RawToken[]): RawToken[] {
  return raw.flatMap((token) => {
    if (token.text.length < 5 || (token.text[2] !== "-" && token.text[4] !== "-")) return [token];
    const m = /^(ex-|then-)(\p{L}.*)$/iu.exec(token.text);
    if (!m || token.kind !== "word") return [token];
    const cut = token.start + m[1]!.length;
    return [
      { ...token, text: m[1]!, lemma: m[1]!.toLowerCase(), pos: "ADJ", end: cut },
      { ...token, text: m[2]!, lemma: m[2]!.toLowerCase(), start: cut },
    ];
  });
}

/** Whether the words before `raw[to]` ("to") in its sentence are one of the prepositions ending in "to". */
function endsPreposition(raw: readonly RawToken[], to: number, sentence: number): boolean {
  return vocabulary.prepositionsBeforeTo.some((words) =>
    words.every((word, k) => {
      const token = raw[to - words.length + k];
      return token !== undefined && token.sentence === sentence && token.text.toLowerCase() === word;
    }),
  );
}

/**
 * "according to state television": the tagger takes "to" for an infinitive's and "state" for its
 * verb, and a verb cannot be part of a source's name. After a preposition such a word begins a noun
 * phrase: it modifies the noun after it, or is the noun.
 */
function retagAfterPrepositions(raw: RawToken[]): RawToken[] {
  return raw.map((token, i) => {
    const to = raw[i - 1];
    if (token.pos !== "VERB" || to?.text.toLowerCase() !== "to" || to.sentence !== token.sentence || !endsPreposition(raw, i - 1, token.sentence)) return token;
    const next = raw[i + 1];
    const modifies = next !== undefined && next.sentence === token.sentence && (next.pos === "NOUN" || next.pos === "PROPN");
    return { ...token, pos: modifies ? "ADJ" : "NOUN" };
  });
}

const lastWord = (tokens: readonly RawToken[]): RawToken | undefined => tokens.findLast((t) => t.kind === "word");

/**
 * The tagger ends a sentence at "Vlast." before "kz" and at "Dept." or "St." before a name: a
 * sentence that starts in lowercase, or follows a known abbreviation, continues the one before.
 */
function groupSentences(raw: RawToken[]): RawToken[][] {
  const tagged: RawToken[][] = [];
  for (const token of raw) {
    const last = tagged.at(-1);
    if (last && last[0]!.sentence === token.sentence) last.push(token);
    else tagged.push([token]);
  }
  const groups: RawToken[][] = [];
  for (const sentence of tagged) {
    const current = groups.at(-1);
    const first = sentence[0]!;
    const end = current?.at(-1);
    const previousWord = current ? lastWord(current) : undefined;
    const endsInAbbreviation =
      end?.text === "." && previousWord !== undefined && previousWord.end === end.start && vocabulary.abbreviations.has(previousWord.text);
    const glued = end !== undefined && end.end === first.start && first.kind === "word";
    if (current && (/^\p{Ll}/u.test(first.text) || endsInAbbreviation || glued)) current.push(...sentence);
    else groups.push([...sentence]);
  }
  return groups.flatMap(capLength);
}

function capLength(tokens: RawToken[]): RawToken[][] {
  const pieces: RawToken[][] = [];
  let rest = tokens;
  while (rest.length > MAX_SENTENCE_TOKENS) {
    const window = rest.slice(0, MAX_SENTENCE_TOKENS);
    const cut = window.findLastIndex((t) => t.pos === "PUNCT" && t.text !== "-");
    const at = cut > 10 ? cut + 1 : MAX_SENTENCE_TOKENS;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest.length) pieces.push(rest);
  return pieces;
}

function toTokens(group: readonly RawToken[], offset: number): Token[] {
  return group.map((t, index) => ({
    index,
    text: t.text,
    lower: t.text.toLowerCase(),
    key: t.text.toLowerCase().replace(/’/g, "'").replace(/\.$/, ""),
    lemma: t.lemma,
    pos: t.pos,
    start: t.start - offset,
    end: t.end - offset,
    capitalised: /^\p{Lu}/u.test(t.text),
    possessive: /^['’]s$/i.test(group[index + 1]?.text ?? "") && group[index + 1]!.start === t.end,
    unknownWord: t.kind === "word" && /^\p{Lu}/u.test(t.text) && isUnknownWord(t.text.toLowerCase()) && !isPluralOfKnownWord(t.text.toLowerCase()),
  }));
}

/**
 * Quoted passages of each sentence. Curly marks say which way they face; straight ones pair up in
 * order; a passage still open at a sentence's end goes on into the next (a long quote the
 * splitter cut), and one opened inside a word ("don't") is an apostrophe.
 */
function findQuotes(sentences: readonly Token[][]): Quote[][] {
  let open: { continued: boolean } | null = null;
  return sentences.map((tokens) => {
    const quotes: Quote[] = [];
    let start = open ? 0 : -1;
    let continued = open !== null;
    tokens.forEach((t, i) => {
      const isOpening = OPENING.has(t.text) && !(t.text === "‘" && tokens[i - 1]?.end === t.start && tokens[i - 1]?.pos !== "PUNCT");
      const isClosing = CLOSING.has(t.text) && !(t.text === "’" && tokens[i + 1]?.start === t.end);
      const straight = STRAIGHT.has(t.text);
      if (start < 0 && (isOpening || straight)) {
        start = i + 1;
        continued = false;
      } else if (start >= 0 && (isClosing || straight || (t.text === "“" && i > start))) {
        if (i > start) quotes.push({ start, end: i, continued });
        start = t.text === "“" ? i + 1 : -1;
        continued = false;
      }
    });
    if (start >= 0 && start < tokens.length) quotes.push({ start, end: tokens.length, continued });
    open = start >= 0 ? { continued: true } : null;
    return quotes;
  });
}

/** The sentences of one block of text, tokenised and tagged. Linear in the block's length. */
export function tokenizeBlock(text: string): TokenizedSentence[] {
  const groups = groupSentences(retagAfterPrepositions(splitPrefixes(joinHyphenated(joinDomains(readRaw(text))))));
  const sentences = groups.map((group) => {
    const offset = group[0]!.start;
    return { text: text.slice(offset, group.at(-1)!.end), tokens: toTokens(group, offset) };
  });
  const quotes = findQuotes(sentences.map((s) => s.tokens));
  return sentences.map((s, i) => ({ ...s, quotes: quotes[i] ?? [] }));
}
