import type { Actor, Sentence } from "./facts.js";
import {
  COUNTRIES,
  GOVERNMENT_ORGANS,
  HEAD_TITLES,
  INSTITUTION_WORDS,
  INTERNATIONAL_TITLES,
  MEDIA,
  NOT_NAMES,
  ORGANISATIONS,
  PERSON_TITLES,
  PRESS_TITLES,
  RELATIONAL_TITLES,
  TITLE_COUNTRIES,
  TITLE_PREFIXES,
  TOP_OFFICES,
  type Country,
  type Organisation,
} from "./gazetteer.js";

/**
 * People and organisations in an article, found without a language model: titles ("Kazakh
 * President"), capitalised name runs, speech verbs and surname coreference do the work. Countries,
 * places and the media an article cites are not actors.
 */

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** The token carried a possessive "'s", which is not part of `text`. */
  possessive: boolean;
  capitalised: boolean;
}

const TITLE_PREFIX_IN_WORD = /^(ex-|then-)(?=\p{L})/iu;
const POSSESSIVE = /['’]s$/i;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// Inside a word, between letters: "Kassym-Shomart", "O'Brien", "U.S", "Vlast.kz", "RFE/RL".
const JOINERS = new Set(["'", "’", ".", "/", "-"]);

function isWordChar(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(text[at]!);
}

function isUpper(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  const first = word[0]!;
  return first !== first.toLowerCase();
}

function pushToken(tokens: Token[], text: string, start: number, end: number): void {
  let word = text.slice(start, end);
  // "ex-president" is the title "president" held in the past: split the prefix off.
  const prefix = (word[2] === "-" || word[4] === "-") && word.length > 5 ? TITLE_PREFIX_IN_WORD.exec(word)?.[1] : undefined;
  if (prefix) {
    tokens.push({ text: prefix, lower: prefix.toLowerCase(), start, end: start + prefix.length, possessive: false, capitalised: isUpper(prefix) });
    word = word.slice(prefix.length);
    start += prefix.length;
  }
  const possessive = word.length > 2 && (word.endsWith("s") || word.endsWith("S")) && POSSESSIVE.test(word);
  if (possessive) word = word.slice(0, -2);
  tokens.push({ text: word, lower: word.toLowerCase(), start, end: start + word.length, possessive, capitalised: isUpper(word) });
}

/** Words, numbers and dotted or hyphenated forms as one token each; any other mark on its own. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (isWordChar(text, i)) {
      let end = i + 1;
      for (;;) {
        if (isWordChar(text, end)) end++;
        else if (JOINERS.has(text[end] ?? "") && isWordChar(text, end + 1)) end += 2;
        else break;
      }
      pushToken(tokens, text, i, end);
      i = end;
    } else {
      const ch = text[i]!;
      if (ch.trim()) tokens.push({ text: ch, lower: ch, start: i, end: i + 1, possessive: false, capitalised: false });
      i++;
    }
  }
  return tokens;
}

// Reactions need the home country of the sentences extractActors just read; remember it per article.
const homeCache = new WeakMap<readonly Sentence[], { texts: string[]; home: string | null }>();

function rememberHome(sentences: readonly Sentence[], home: string | null): void {
  homeCache.set(sentences, { texts: sentences.map((s) => s.text), home });
}

/** Phrases keyed by their lowercase token sequence, matched longest first. */
class PhraseTable<T> {
  private readonly entries = new Map<string, { value: T; exact: string | null }>();
  /** Longest phrase starting with each first word: most tokens start none and are dismissed at once. */
  private readonly longestFrom = new Map<string, number>();

  add(phrase: string, value: T): void {
    const tokens = tokenize(phrase);
    const key = tokens.map(keyForm).join(" ");
    if (this.entries.has(key)) return;
    // Acronyms match only as written: "US" is a country, "us" is a pronoun.
    const exact = phrase === phrase.toUpperCase() ? tokens.map((t) => t.text).join(" ") : null;
    this.entries.set(key, { value, exact });
    const first = keyForm(tokens[0]!);
    this.longestFrom.set(first, Math.max(this.longestFrom.get(first) ?? 0, tokens.length));
  }

  match(tokens: readonly Token[], at: number): { value: T; end: number; possessive: boolean } | null {
    const first = tokens[at];
    const longest = first ? Math.max(this.longestFrom.get(first.lower) ?? 0, this.longestFrom.get(keyForm(first)) ?? 0) : 0;
    if (longest === 0) return null;
    // keys[n] is the key of the run of n + 1 tokens; a possessive on its last token is left off ("EU's" → "eu").
    const keys: string[] = [];
    let inner = "";
    for (let n = 0; n < longest && at + n < tokens.length; n++) {
      const token = tokens[at + n]!;
      keys.push(n === 0 ? token.lower : `${inner} ${token.lower}`);
      inner = n === 0 ? keyForm(token) : `${inner} ${keyForm(token)}`;
    }
    for (let n = keys.length - 1; n >= 0; n--) {
      const entry = this.entries.get(keys[n]!);
      if (!entry) continue;
      const run = tokens.slice(at, at + n + 1);
      if (entry.exact !== null && run.map((t) => t.text).join(" ") !== entry.exact) continue;
      return { value: entry.value, end: at + n + 1, possessive: run.at(-1)!.possessive };
    }
    return null;
  }
}

function keyForm(token: Token): string {
  return token.possessive ? `${token.lower}'s` : token.lower;
}

type Entity =
  | { kind: "country"; country: Country; form: "name" | "demonym" | "capital" }
  | { kind: "org"; org: Organisation }
  | { kind: "media" };

const ENTITIES = new PhraseTable<Entity>();
for (const org of ORGANISATIONS) for (const form of [org.name, ...org.aliases]) ENTITIES.add(form, { kind: "org", org });
for (const phrase of MEDIA) ENTITIES.add(phrase, { kind: "media" });
for (const country of COUNTRIES) {
  for (const form of [country.name, ...country.aliases]) ENTITIES.add(form, { kind: "country", country, form: "name" });
  for (const form of country.demonyms) ENTITIES.add(form, { kind: "country", country, form: "demonym" });
  if (country.capital) ENTITIES.add(country.capital, { kind: "country", country, form: "capital" });
}
const COUNTRY_BY_NAME = new Map(COUNTRIES.map((c) => [c.name, c]));

const TITLES = new PhraseTable<string>();
for (const title of PERSON_TITLES) TITLES.add(title, title);
const PRESS = new PhraseTable<string>();
for (const title of PRESS_TITLES) PRESS.add(title, title);
const ORGANS = new PhraseTable<string>();
for (const organ of GOVERNMENT_ORGANS) ORGANS.add(organ, organ);
const PREFIXES = new Set(TITLE_PREFIXES);
const HONORIFICS = new Set(["mr", "mrs", "ms", "dr"]);
const firstWord = (phrase: string): string => tokenize(phrase)[0]!.lower;
const MEDIA_STARTS = new Set(MEDIA.map(firstWord));
const LOWERCASE_STARTS = new Set([...TITLE_PREFIXES, ...HONORIFICS, ...MEDIA_STARTS, "the", ...[...PERSON_TITLES, ...PRESS_TITLES].map(firstWord)]);

const NAME_TOKEN = /^\p{Lu}[\p{L}'’]*\p{Ll}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)*$/u;
const NAME_PARTICLES = new Set(["van", "von", "de", "der", "bin", "al", "da", "di", "la", "le", "du", "ibn"]);
const PLACE_PREPOSITIONS = new Set(["in", "at", "near", "outside", "across", "into", "toward", "towards", "around", "through"]);
// Verbs that only a speaking person (not a place or a medium) takes: they make a lone surname a person.
const SPEECH_VERBS = new Set([
  "said", "says", "told", "added", "stressed", "wrote", "tweeted", "stated", "insisted", "warned", "urged",
  "announced", "declared", "noted", "claimed", "explained", "demanded", "condemned", "called", "appealed",
]);
// Verbs by which a country or its capital acts as a government ("Germany suspended", "Washington urged").
const SUBJECT_VERBS = new Set([
  ...SPEECH_VERBS, "sent", "sends", "stopped", "stops", "halted", "halts", "suspended", "suspends", "imposed",
  "welcomed", "criticised", "criticized", "offered", "evacuated", "advised", "expressed", "voiced", "pledged",
]);
const AUXILIARIES = new Set(["has", "have", "had", "will", "would"]);
const PREDICATE_WORDS = new Set(["is", "was", "are", "were", "be", "been", "became", "becomes", "as", "remains", "remained", "named", "appointed", "elected"]);
const MAX_NAME_TOKENS = 4;

function couldBeName(token: Token): boolean {
  return token.capitalised && !NOT_NAMES.has(token.lower) && NAME_TOKEN.test(token.text);
}

/** Headlines in title case capitalise every word, so a capitalised run there proves nothing. */
function isTitleCase(tokens: readonly Token[]): boolean {
  // A headline has no closing full stop; a sentence full of organisation names has one.
  if (/^[.!?…]$/.test(tokens.at(-1)?.text ?? "") || /^[.!?…]$/.test(tokens.at(-2)?.text ?? "")) return false;
  const words = tokens.slice(1).filter((t) => t.text.length >= 4 && /^\p{L}+$/u.test(t.text));
  const capitalised = words.filter((t) => t.capitalised).length;
  // Organisation names capitalise much of a running sentence too; a headline leaves at most one long word lowercase.
  return words.length >= 3 && (capitalised / words.length >= 0.75 || (capitalised / words.length >= 0.6 && words.length - capitalised <= 1));
}

interface Title {
  /** The lowercase title as listed ("prime minister"). */
  key: string;
  /** As written, with its prefix ("ex-prime minister", "Ex-Prime Minister"). */
  text: string;
  prefix: string | null;
}

interface Span {
  sentence: number;
  start: number;
  end: number;
}

interface PersonHit extends Span {
  surface: string;
  names: string[];
  /** Shorter forms inside `surface`: the title + name without the qualifier, and the bare name. */
  shorter: string[];
  /** The name run as written ("Kassym-Shomart Tokayev"). */
  name: string;
  title: Title | null;
  qualifier: Entity | null;
  /** A capitalised word nobody knows stood before the title ("European Council President"): not the home country's. */
  foreignTitle?: boolean;
}

interface RoleOnlyHit extends Span {
  /** "EU foreign policy chief" for "the EU's foreign policy chief". */
  display: string;
  surface: string;
  title: Title;
  affiliation: string;
}

interface OrgHit extends Span {
  key: string;
  /** The canonical name, or null for an organ whose country comes from the rest of the text. */
  name: string | null;
  organ: string | null;
  surface: string;
  affiliation: string | null;
  /** "the alliance": a mention, but not a name for it. */
  anaphor: boolean;
}

interface Scan {
  persons: PersonHit[];
  /** "Smailov as prime minister", "Tokayev has been president": a title stated of a name, for a person with none. */
  predicated: PersonHit[];
  roleOnly: RoleOnlyHit[];
  orgs: OrgHit[];
}

function qualifierAffiliation(entity: Entity): string | null {
  if (entity.kind === "country") return entity.country.name;
  if (entity.kind === "org") return entity.org.country ?? entity.org.name;
  return null;
}

function qualifierDisplay(entity: Entity): string {
  if (entity.kind === "country") return entity.country.demonyms[0] ?? entity.country.name;
  if (entity.kind === "org") return entity.org.name;
  return "";
}

function matchTitle(tokens: readonly Token[], at: number, text: string): { title: Title; end: number } | null {
  let i = at;
  let prefix: string | null = null;
  while (i < tokens.length && PREFIXES.has(tokens[i]!.lower) && i - at < 2) {
    prefix = tokens[i]!.lower;
    i++;
  }
  const hit = TITLES.match(tokens, i);
  if (!hit) return null;
  return { title: { key: hit.value, text: text.slice(tokens[at]!.start, tokens[hit.end - 1]!.end), prefix }, end: hit.end };
}

/** A run of name words starting at `at`; `known` restricts it to words already seen as names. */
function matchName(tokens: readonly Token[], at: number, known: ReadonlySet<string> | null): number {
  let end = at;
  let i = at;
  while (i < tokens.length && end - at < MAX_NAME_TOKENS + 1) {
    const token = tokens[i]!;
    if (end > at && NAME_PARTICLES.has(token.lower)) {
      // "von der Leyen", "de la Cruz": particles may come in pairs.
      const after = NAME_PARTICLES.has(tokens[i + 1]?.lower ?? "") ? i + 2 : i + 1;
      if (tokens[after] && couldBeName(tokens[after]!)) {
        i = after;
        continue;
      }
    }
    if (!couldBeName(token) || ENTITIES.match(tokens, i) || INSTITUTION_WORDS.has(token.lower)) break;
    // "Almaty Mayor Bakytzhan Sagintayev": a title ends the run before it.
    if (end > at && TITLES.match(tokens, i)) break;
    if (known && !known.has(token.lower)) break;
    end = i + 1;
    i++;
    if (token.possessive) break;
  }
  return end - at > MAX_NAME_TOKENS ? at : end;
}

function nameWords(tokens: readonly Token[], from: number, to: number): string[] {
  return tokens.slice(from, to).filter((t) => !NAME_PARTICLES.has(t.lower)).map((t) => t.text);
}

interface SentenceContext {
  text: string;
  index: number;
  tokens: readonly Token[];
  lastOrgFor: Map<string, Organisation>;
  scan: Scan;
}

function slice(ctx: SentenceContext, from: number, to: number): string {
  return ctx.text.slice(ctx.tokens[from]!.start, ctx.tokens[to - 1]!.end);
}

function span(ctx: SentenceContext, from: number, to: number): Span {
  return { sentence: ctx.index, start: ctx.tokens[from]!.start, end: ctx.tokens[to - 1]!.end };
}

function addOrg(ctx: SentenceContext, from: number, to: number, org: Organisation): void {
  ctx.scan.orgs.push({ ...span(ctx, from, to), key: `org:${org.name}`, name: org.name, organ: null, surface: slice(ctx, from, to), affiliation: org.country ?? org.name, anaphor: false });
  for (const word of org.anaphors) ctx.lastOrgFor.set(word, org);
}

/**
 * "Josep Borrell, the EU's foreign policy chief," describes the person before it: the title is
 * theirs, not a second actor's.
 */
function appositive(ctx: SentenceContext, from: number): { title: Title; qualifier: Entity | null; end: number } | null {
  const { tokens } = ctx;
  if (tokens[from]?.text !== ",") return null;
  let j = from + 1;
  // "Anna Petrova, a director at Amnesty International,": one of several holders is still the holder.
  if (tokens[j]?.lower === "the" || tokens[j]?.lower === "a" || tokens[j]?.lower === "an") j++;
  const owner = ENTITIES.match(tokens, j);
  const qualifier = owner && owner.value.kind !== "media" && !(owner.value.kind === "country" && owner.value.form === "capital") ? owner : null;
  const described = matchTitle(tokens, qualifier ? qualifier.end : j, ctx.text) ?? (qualifier ? null : fieldTitle(tokens, j, ctx.text));
  if (!described) return null;
  const office = officeOf(ctx, described.title, described.end);
  const next = tokens[office.end]?.text;
  if (next !== undefined && next !== "," && next !== "." && next !== ")") return null;
  return { title: office.title, qualifier: qualifier?.value ?? office.owner, end: office.end };
}

/** "senior Central Asia researcher": a field of one to three capitalised words between prefix and title. */
function fieldTitle(tokens: readonly Token[], at: number, text: string): { title: Title; end: number } | null {
  let i = at;
  const prefix = PREFIXES.has(tokens[i]?.lower ?? "") ? tokens[i++]!.lower : null;
  let field = 0;
  while (field < 3 && tokens[i + field]?.capitalised && !ENTITIES.match(tokens, i + field)) field++;
  const hit = field > 0 ? TITLES.match(tokens, i + field) : null;
  if (!hit) return null;
  return { title: { key: hit.value, text: text.slice(tokens[at]!.start, tokens[hit.end - 1]!.end), prefix }, end: hit.end };
}

const OFFICE_LINKS = new Set(["of", "at"]);
// "mayor of Osh since 2020", "head of the council until Wednesday": time and clauses are not the office.
const OFFICE_ENDS = new Set(["since", "until", "till", "from", "when", "who", "which", "whose", "after", "before", "during", "in", "on"]);
const MAX_OFFICE_TOKENS = 10;

/**
 * "head of criminal prosecution at the Prosecutor General's Office": a title's "of"/"at" phrase up
 * to the next comma is part of the office, and an organisation or country named in it is the owner.
 */
function officeOf(ctx: SentenceContext, title: Title, from: number): { title: Title; owner: Entity | null; end: number } {
  const { tokens } = ctx;
  if (!OFFICE_LINKS.has(tokens[from]?.lower ?? "")) return { title, owner: null, end: from };
  let end = from + 1;
  let owner: Entity | null = null;
  while (end < tokens.length && end - from <= MAX_OFFICE_TOKENS && !/^[,.;:()"“”]$/.test(tokens[end]!.text) && !OFFICE_ENDS.has(tokens[end]!.lower)) {
    const entity = tokens[end]!.capitalised ? ENTITIES.match(tokens, end) : null;
    if (entity && entity.value.kind !== "media" && !(entity.value.kind === "country" && entity.value.form === "capital")) {
      owner ??= entity.value;
      end = entity.end;
    } else end++;
  }
  if (end - from > MAX_OFFICE_TOKENS || end === from + 1) return { title, owner: null, end: from };
  const text = `${title.text}${ctx.text.slice(tokens[from - 1]!.end, tokens[end - 1]!.end)}`;
  return { title: { ...title, text }, owner, end };
}

const MAX_PREDICATE_GAP = 12;

/**
 * "Alikhan Smailov as prime minister", "Mr Tokayev, a former diplomat, has been president": the
 * title belongs to the nearest name before its verb, kept for when the person has no other title.
 */
function predicateTitle(ctx: SentenceContext, at: number, title: Title, qualifier: Entity | null): void {
  const { tokens } = ctx;
  let j = at - 1;
  while (j >= 0 && at - j <= MAX_PREDICATE_GAP && !(couldBeName(tokens[j]!) && !ENTITIES.match(tokens, j))) j--;
  if (j < 0 || at - j > MAX_PREDICATE_GAP) return;
  const subject = tokens[j]!;
  ctx.scan.predicated.push({
    ...span(ctx, j, j + 1),
    surface: subject.text,
    names: [subject.text],
    shorter: [],
    name: subject.text,
    title,
    qualifier,
  });
}

const SUCCESSION = new Set(["replacing", "succeeding", "replaces", "succeeds"]);

/** "named Smailov as prime minister, replacing Askar Mamin": the one replaced held the office before. */
function predecessorTitle(ctx: SentenceContext, from: number, title: Title, qualifier: Entity | null): void {
  const { tokens } = ctx;
  const at = tokens[from]?.text === "," ? from + 1 : from;
  if (!SUCCESSION.has(tokens[at]?.lower ?? "")) return;
  const nameEnd = matchName(tokens, at + 1, null);
  if (nameEnd === at + 1) return;
  const surname = tokens[nameEnd - 1]!;
  const former = { key: title.key, text: `former ${title.text}`, prefix: "former" };
  ctx.scan.predicated.push({ ...span(ctx, nameEnd - 1, nameEnd), surface: surname.text, names: [surname.text], shorter: [], name: surname.text, title: former, qualifier });
}

function actsNext(tokens: readonly Token[], from: number): boolean {
  const next = AUXILIARIES.has(tokens[from]?.lower ?? "") ? from + 1 : from;
  return SUBJECT_VERBS.has(tokens[next]?.lower ?? "");
}

/**
 * Finds titled people, name runs and organisations in one sentence. `known` is set for title-case
 * headlines, where only name words already seen in running text are trusted.
 */
function scanSentence(sentence: Sentence, tokens: readonly Token[], known: ReadonlySet<string> | null, lastOrgFor: Map<string, Organisation>, scan: Scan): void {
  const { text } = sentence;
  const ctx = { text, index: sentence.index, tokens, lastOrgFor, scan };
  let carried = null as { at: number; value: Entity; from: number } | null;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    // Most words are lowercase and start nothing this scan looks for.
    if (!token.capitalised && !LOWERCASE_STARTS.has(token.lower)) {
      i++;
      continue;
    }
    // Agencies may write themselves lowercase ("dpa"); other names count only capitalised.
    const entity = token.capitalised || MEDIA_STARTS.has(token.lower) ? ENTITIES.match(tokens, i) : null;
    if (entity?.value.kind === "media") {
      i = entity.end;
      continue;
    }
    // A country, demonym or organisation before a title or organ says whom it serves; a capital does not.
    const qualifier = entity && !(entity.value.kind === "country" && entity.value.form === "capital") ? entity : null;
    const at = qualifier ? qualifier.end : i;
    // "Chinese foreign ministry spokesman Wang Wenbin": the ministry's country qualifies the title after it.
    let qual: Entity | null = qualifier?.value ?? (carried?.at === i ? carried.value : null);

    const press = PRESS.match(tokens, at);
    if (press) {
      // A correspondent and the name after it belong to the press, not the story.
      i = matchName(tokens, press.end, null);
      continue;
    }

    const titled = matchTitle(tokens, at, text);
    if (titled) {
      let after = titled.end;
      // "Secretary General of NATO", "President of Kazakhstan"
      if (!qual && tokens[after]?.lower === "of") {
        const of = tokens[after + 1]?.lower === "the" ? after + 2 : after + 1;
        const owner = ENTITIES.match(tokens, of);
        if (owner && owner.value.kind !== "media" && !(owner.value.kind === "country" && owner.value.form === "capital")) {
          qual = owner.value;
          if (owner.value.kind === "org") addOrg(ctx, of, owner.end, owner.value.org);
          after = owner.end;
        }
      }
      const nameEnd = matchName(tokens, after, known);
      if (qualifier?.value.kind === "org") addOrg(ctx, i, qualifier.end, qualifier.value.org);
      if (nameEnd > after) {
        const name = slice(ctx, after, nameEnd);
        const titleAndName = text.slice(tokens[at]!.start, tokens[nameEnd - 1]!.end);
        // The ministry's spokesman speaks as one mention with his ministry, not beside it.
        const from = !qualifier && carried?.at === i ? carried.from : i;
        scan.persons.push({
          ...span(ctx, from, nameEnd),
          surface: slice(ctx, from, nameEnd),
          names: nameWords(tokens, after, nameEnd),
          shorter: qualifier ? [titleAndName, name] : [name],
          name,
          title: titled.title,
          qualifier: qual,
          foreignTitle: !qual && i > 0 && tokens[i - 1]!.capitalised && !NOT_NAMES.has(tokens[i - 1]!.lower),
        });
        i = appositive(ctx, nameEnd)?.end ?? nameEnd;
        continue;
      }
      // "The UN human rights chief, Michelle Bachelet, warned": the office stands before the name.
      const office = officeOf(ctx, titled.title, after);
      if (tokens[office.end]?.text === ",") {
        const namedFrom = office.end + 1;
        const namedEnd = matchName(tokens, namedFrom, known);
        if (namedEnd - namedFrom >= 2 && /^[,.]$/.test(tokens[namedEnd]?.text ?? "")) {
          const name = slice(ctx, namedFrom, namedEnd);
          scan.persons.push({
            ...span(ctx, namedFrom, namedEnd),
            surface: name,
            names: nameWords(tokens, namedFrom, namedEnd),
            shorter: [],
            name,
            title: office.title,
            qualifier: qual ?? office.owner,
          });
          i = namedEnd;
          continue;
        }
      }
      // "Massimov was Kazakhstan's prime minister" describes someone already named.
      const predicate = PREDICATE_WORDS.has(tokens[i - 1]?.lower ?? "");
      if (predicate) {
        const office = officeOf(ctx, titled.title, after);
        predicateTitle(ctx, i, office.title, qual ?? office.owner);
        predecessorTitle(ctx, office.end, office.title, qual ?? office.owner);
      }
      if (qual && !predicate && !RELATIONAL_TITLES.has(titled.title.key)) {
        const affiliation = qualifierAffiliation(qual);
        if (affiliation) {
          scan.roleOnly.push({ ...span(ctx, i, titled.end), display: `${qualifierDisplay(qual)} ${titled.title.text}`, surface: slice(ctx, i, titled.end), title: titled.title, affiliation });
        }
      }
      i = Math.max(after, i + 1);
      continue;
    }

    // "Mr Tokayev", "Dr. Smith": an honorific is as good as a title for telling a person.
    if (HONORIFICS.has(token.lower)) {
      const from = tokens[i + 1]?.text === "." ? i + 2 : i + 1;
      const nameEnd = matchName(tokens, from, known);
      if (nameEnd > from) {
        const name = slice(ctx, from, nameEnd);
        scan.persons.push({ ...span(ctx, i, nameEnd), surface: slice(ctx, i, nameEnd), names: nameWords(tokens, from, nameEnd), shorter: [name], name, title: null, qualifier: null });
        i = nameEnd;
        continue;
      }
    }

    // "the federal government", "German government", "Russia's Foreign Ministry"
    const organStart = qual?.kind === "country" ? at : token.lower === "the" ? i + 1 : -1;
    const organ = organStart >= 0 ? ORGANS.match(tokens, organStart) : null;
    if (organ && (qual || organ.value === "federal government")) {
      const country = qual?.kind === "country" ? qual.country : null;
      const organKey = organ.value === "federal government" ? "government" : organ.value;
      const from = qual ? i : organStart;
      scan.orgs.push({
        ...span(ctx, from, organ.end),
        key: `gov:${country?.name ?? "?"}:${organKey}`,
        name: country ? `${country.demonyms[0] ?? country.name} ${slice(ctx, organStart, organ.end)}` : null,
        organ: slice(ctx, organStart, organ.end),
        surface: slice(ctx, from, organ.end),
        affiliation: country?.name ?? null,
        anaphor: false,
      });
      if (qual) carried = { at: organ.end, value: qual, from };
      i = organ.end;
      continue;
    }

    if (entity?.value.kind === "org") {
      addOrg(ctx, i, entity.end, entity.value.org);
      i = entity.end;
      continue;
    }
    if (entity?.value.kind === "country") {
      const { country, form } = entity.value;
      // "Berlin said", "the United States has urged": a country or capital acting speaks for its government.
      if (form !== "demonym" && actsNext(tokens, entity.end)) {
        scan.orgs.push({ ...span(ctx, i, entity.end), key: `gov:${country.name}:government`, name: `${country.demonyms[0] ?? country.name} government`, organ: "government", surface: slice(ctx, i, entity.end), affiliation: country.name, anaphor: false });
      }
      i = entity.end;
      continue;
    }

    if (token.lower === "the" && tokens[i + 1]) {
      const referent = lastOrgFor.get(tokens[i + 1]!.lower);
      if (referent && !tokens[i + 2]?.text.match(/^\p{Lu}/u)) {
        scan.orgs.push({ ...span(ctx, i, i + 2), key: `org:${referent.name}`, name: referent.name, organ: null, surface: slice(ctx, i, i + 2), affiliation: referent.country ?? referent.name, anaphor: true });
        i += 2;
        continue;
      }
    }

    const nameEnd = couldBeName(token) ? matchName(tokens, i, null) : i;
    if (nameEnd > i) {
      const before = tokens[i - 1];
      const next = tokens[nameEnd];
      const placeLike = before !== undefined && PLACE_PREPOSITIONS.has(before.lower);
      // "Ina Ruck, ARD Moscow": a byline, not a newsmaker.
      const byline = next?.text === "," && ENTITIES.match(tokens, nameEnd + 1)?.value.kind === "media";
      const followedByInstitution = byline || (next !== undefined && INSTITUTION_WORDS.has(next.lower));
      const speaks = i > 0 && SPEECH_VERBS.has(next?.lower ?? "");
      // "Tokayev, the president, said": a title in apposition makes a lone surname a person too.
      const described = known || placeLike ? null : appositive(ctx, nameEnd);
      if (!known && !placeLike && !followedByInstitution && (nameEnd - i >= 2 || speaks || described)) {
        const name = slice(ctx, i, nameEnd);
        scan.persons.push({
          ...span(ctx, i, nameEnd),
          surface: name,
          names: nameWords(tokens, i, nameEnd),
          shorter: [],
          name,
          title: described?.title ?? null,
          qualifier: described?.qualifier ?? null,
        });
        i = described?.end ?? nameEnd;
        continue;
      }
      i = nameEnd;
      continue;
    }
    i++;
  }
}

function countryCounts(tokenized: readonly (readonly Token[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tokens of tokenized) {
    for (let i = 0; i < tokens.length; ) {
      const entity = tokens[i]!.capitalised ? ENTITIES.match(tokens, i) : null;
      if (entity?.value.kind === "country" && entity.value.form !== "capital") {
        counts.set(entity.value.country.name, (counts.get(entity.value.country.name) ?? 0) + 1);
      }
      i = entity ? entity.end : i + 1;
    }
  }
  return counts;
}

function capitalCounts(tokenized: readonly (readonly Token[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tokens of tokenized) {
    for (let i = 0; i < tokens.length; ) {
      const entity = tokens[i]!.capitalised ? ENTITIES.match(tokens, i) : null;
      if (entity?.value.kind === "country" && entity.value.form === "capital") {
        counts.set(entity.value.country.name, (counts.get(entity.value.country.name) ?? 0) + 1);
      }
      i = entity ? entity.end : i + 1;
    }
  }
  return counts;
}

function mostMentioned(counts: ReadonlyMap<string, number>, except: string | null): string | null {
  let best: string | null = null;
  let bestCount = 0;
  // Map order is first appearance, so a tie goes to the country named first.
  for (const [country, count] of counts) {
    if (country !== except && count > bestCount) [best, bestCount] = [country, count];
  }
  return best;
}

/** The country the story is about: the one its sentences name most, by name or demonym. */
export function homeCountry(sentences: readonly Sentence[]): string | null {
  const cached = homeCache.get(sentences);
  if (cached && cached.texts.length === sentences.length && cached.texts.every((t, i) => t === sentences[i]!.text)) return cached.home;
  const home = mostMentioned(countryCounts(sentences.map((s) => tokenize(s.text))), null);
  rememberHome(sentences, home);
  return home;
}

interface Mention extends Span {
  /** A form worth keeping as an alias, or null for pronouns and anaphors. */
  alias: string | null;
}

interface Draft {
  kind: Actor["kind"];
  name: string;
  role: string | null;
  affiliation: string | null;
  /** Title key and prefix, for "the president" and role-only merging. */
  titleKeys: Set<string>;
  words: string[];
  mentions: Mention[];
}

function slug(name: string): string {
  const folded = name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const ascii = folded.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  // A Cyrillic or other non-Latin name has no ASCII letters at all; an empty id would fail the
  // whole article's validation, so such names keep their own letters.
  return ascii || folded.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
}

const titleKey = (title: Title): string => `${title.prefix ?? ""}${title.key}`;

/** The country implied by a bare title ("Chancellor" in international news is German unless the story is Austrian). */
function titleCountry(title: Title, home: string | null): string | null {
  const countries = TITLE_COUNTRIES.get(title.key);
  if (!countries) return null;
  return countries.find((c) => c === home) ?? countries[0] ?? null;
}

function personAffiliation(hits: readonly PersonHit[], home: string | null, writer: string | null): string | null {
  for (const hit of hits) if (hit.qualifier) return qualifierAffiliation(hit.qualifier);
  // Translated pages keep the writer's own "Federal Foreign Minister", like their "federal government".
  if (hits.some((h) => h.title?.prefix === "federal")) return writer;
  for (const hit of hits) if (hit.title && titleCountry(hit.title, home)) return titleCountry(hit.title, home);
  // An official the text gives a title but no country serves the country the story is about.
  if (hits.some((h) => h.foreignTitle)) return null;
  if (hits.some((h) => h.title && !INTERNATIONAL_TITLES.has(h.title.key))) return home;
  return null;
}

function personRole(hits: readonly PersonHit[]): string | null {
  const hit = hits.find((h) => h.title);
  if (!hit?.title) return null;
  const org = hit.qualifier?.kind === "org" ? hit.qualifier.org : null;
  return org && !hit.title.text.includes(org.name) && !org.aliases.some((a) => hit.title!.text.includes(a)) ? `${org.name} ${hit.title.text}` : hit.title.text;
}

/** Groups name runs so that "Tokayev" and "Kassym-Shomart Tokayev" are one person. */
function clusterPersons(hits: readonly PersonHit[]): PersonHit[][] {
  const byName = new Map<string, PersonHit[]>();
  for (const hit of hits) {
    const key = hit.names.join(" ").toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), hit]);
  }
  const groups = [...byName.values()].sort((a, b) => b[0]!.names.length - a[0]!.names.length);
  const clusters: { words: string[]; hits: PersonHit[] }[] = [];
  for (const group of groups) {
    const words = group[0]!.names.map((w) => w.toLowerCase());
    const home = clusters.find(
      (c) =>
        words.every((w) => c.words.includes(w)) ||
        // Transliterations differ in given names ("Kassym-Jomart", "Kassym-Shomart"), rarely in initials.
        (c.words.length === words.length && words.length >= 2 && c.words.at(-1) === words.at(-1) && c.words[0]![0] === words[0]![0]),
    );
    if (home) home.hits.push(...group);
    else clusters.push({ words, hits: [...group] });
  }
  return clusters.map((c) => c.hits);
}

function personDraft(hits: PersonHit[], home: string | null, writer: string | null): Draft {
  const fullest = hits.reduce((best, h) => (h.names.length > best.names.length ? h : best));
  return {
    kind: "person",
    name: fullest.name.replace(/['’]s$/, ""),
    role: personRole(hits),
    affiliation: personAffiliation(hits, home, writer),
    titleKeys: new Set(hits.flatMap((h) => (h.title ? [titleKey(h.title)] : []))),
    words: fullest.names.map((w) => w.toLowerCase()),
    mentions: hits.flatMap((h) => [h.surface, ...h.shorter].map((alias) => ({ sentence: h.sentence, start: h.start, end: h.end, alias }))),
  };
}

/**
 * People and organisations the sentences speak of, each once, with every form it is called by and
 * the sentences that mention it. Ordered by first mention.
 */
export function extractActors(sentences: readonly Sentence[]): Actor[] {
  const tokenized = sentences.map((s) => tokenize(s.text));
  const counts = countryCounts(tokenized);
  const home = mostMentioned(counts, null);
  rememberHome(sentences, home);

  const scan: Scan = { persons: [], predicated: [], roleOnly: [], orgs: [] };
  const lastOrgFor = new Map<string, Organisation>();
  const headlines: number[] = [];
  sentences.forEach((sentence, n) => {
    if (isTitleCase(tokenized[n]!)) headlines.push(n);
    else scanSentence(sentence, tokenized[n]!, null, lastOrgFor, scan);
  });
  const known = new Set(scan.persons.flatMap((p) => p.names.map((w) => w.toLowerCase())));
  for (const n of headlines) scanSentence(sentences[n]!, tokenized[n]!, known, lastOrgFor, scan);

  // A writer's own country is named least of all: a bare "Chancellor" or the most-named foreign country tells it.
  const writer =
    scan.persons.map((h) => (h.title && !h.qualifier ? titleCountry(h.title, home) : null)).find((c) => c && c !== home) ??
    mostMentioned(counts, home) ??
    // "she said in Berlin": with no other country named, the capital a page names is its writer's.
    mostMentioned(capitalCounts(tokenized), home);
  const persons = clusterPersons(scan.persons).map((hits) => personDraft(hits, home, writer));

  for (const hit of scan.predicated) {
    const word = hit.name.toLowerCase();
    const holders = persons.filter((p) => p.words.includes(word));
    const holder = holders.length === 1 ? holders[0]! : undefined;
    if (!holder || holder.role !== null) continue;
    holder.role = personRole([hit]);
    holder.affiliation ??= personAffiliation([hit], home, writer);
    holder.titleKeys.add(titleKey(hit.title!));
  }

  const drafts: Draft[] = [...persons];
  for (const hit of scan.roleOnly) {
    const key = titleKey(hit.title);
    const holders = (k: string): Draft[] => persons.filter((p) => p.affiliation === hit.affiliation && p.titleKeys.has(k));
    const heads = (): Draft[] =>
      HEAD_TITLES.has(hit.title.key) ? persons.filter((p) => p.affiliation === hit.affiliation && [...p.titleKeys].some((k) => TOP_OFFICES.has(k))) : [];
    const named = holders(key).length > 0 ? holders(key) : holders(hit.title.key).length > 0 ? holders(hit.title.key) : heads();
    const same = named.length === 1 ? named[0]! : drafts.find((d) => d.kind === "person" && d.name.toLowerCase() === hit.display.toLowerCase());
    const mentions = [hit.display, hit.surface].map((alias) => ({ sentence: hit.sentence, start: hit.start, end: hit.end, alias }));
    if (same) same.mentions.push(...mentions);
    else drafts.push({ kind: "person", name: hit.display, role: hit.title.text, affiliation: hit.affiliation, titleKeys: new Set([key]), words: [], mentions });
  }

  const orgs = new Map<string, Draft>();
  for (const hit of scan.orgs) {
    let { key, name, affiliation } = hit;
    if (hit.organ !== null && affiliation === null) {
      // A "federal government" the text does not place is the writer's own; other bare organs are the home country's.
      affiliation = /federal/i.test(hit.organ) ? writer : home;
      const country = affiliation ? COUNTRY_BY_NAME.get(affiliation) : undefined;
      name = country ? `${country.demonyms[0] ?? country.name} ${hit.organ}` : hit.organ;
      key = key.replace("?", affiliation ?? "?");
    }
    const draft = orgs.get(key) ?? { kind: "organisation" as const, name: name ?? hit.surface, role: null, affiliation, titleKeys: new Set<string>(), words: [], mentions: [] };
    if (name && name.length > draft.name.length) draft.name = name;
    draft.mentions.push({ sentence: hit.sentence, start: hit.start, end: hit.end, alias: hit.anaphor ? null : hit.surface });
    orgs.set(key, draft);
  }
  drafts.push(...orgs.values());

  addSurnameMentions(tokenized, persons, drafts);
  addPronounMentions(tokenized, drafts);

  return drafts
    .map((d) => ({ draft: d, first: Math.min(...d.mentions.map((m) => m.sentence * 1e6 + m.start)) }))
    .sort((a, b) => a.first - b.first)
    .map(({ draft }) => ({
      id: slug(draft.name),
      name: draft.name,
      aliases: [...new Set(draft.mentions.flatMap((m) => (m.alias && m.alias !== draft.name ? [m.alias] : [])))],
      role: draft.role,
      kind: draft.kind,
      affiliation: draft.affiliation,
      mentions: [...new Set(draft.mentions.map((m) => m.sentence))].sort((a, b) => a - b),
    }));
}


/** "Massimov", "Under Nazarbayev", "the president": later mentions of people already named. */
function addSurnameMentions(tokenized: readonly (readonly Token[])[], persons: readonly Draft[], drafts: readonly Draft[]): void {
  const bySurname = new Map<string, Draft[]>();
  const byOtherName = new Map<string, Draft[]>();
  for (const person of persons) {
    person.words.forEach((word, i) => {
      const map = i === person.words.length - 1 ? bySurname : byOtherName;
      map.set(word, [...(map.get(word) ?? []), person]);
    });
  }
  const named = new Map<number, Span[]>();
  for (const m of drafts.flatMap((d) => d.mentions)) named.set(m.sentence, [...(named.get(m.sentence) ?? []), m]);
  const covered = (sentence: number, token: Token): boolean =>
    named.get(sentence)?.some((m) => m.start <= token.start && token.end <= m.end) ?? false;

  tokenized.forEach((tokens, sentence) => {
    tokens.forEach((token, i) => {
      if (token.lower === "the" && tokens[i + 1]) {
        const titled = matchTitle(tokens, i + 1, "");
        if (titled && !(tokens[titled.end] && couldBeName(tokens[titled.end]!))) {
          const holders = persons.filter((p) => p.titleKeys.has(titleKey(titled.title)));
          if (holders.length === 1) holders[0]!.mentions.push({ sentence, start: token.start, end: tokens[titled.end - 1]!.end, alias: null });
        }
        return;
      }
      if (!couldBeName(token) || covered(sentence, token)) return;
      const surname = bySurname.get(token.lower);
      const other = byOtherName.get(token.lower);
      const person = surname?.length === 1 ? surname[0] : !surname && other?.length === 1 ? other[0] : undefined;
      if (person) person.mentions.push({ sentence, start: token.start, end: token.end, alias: token.text });
    });
  });
}

const PRONOUNS = new Set(["he", "she"]);

/** "He appealed…" right after a sentence whose subject is a person is that person speaking again. */
function addPronounMentions(tokenized: readonly (readonly Token[])[], drafts: readonly Draft[]): void {
  tokenized.forEach((tokens, sentence) => {
    const first = tokens[0];
    if (sentence === 0 || !first || !PRONOUNS.has(first.lower)) return;
    let subject: Draft | null = null;
    let earliest = Infinity;
    for (const draft of drafts) {
      for (const m of draft.mentions) {
        if (m.sentence === sentence - 1 && m.start < earliest) [subject, earliest] = [draft, m.start];
      }
    }
    if (subject?.kind === "person") subject.mentions.push({ sentence, start: first.start, end: first.end, alias: null });
  });
}

/**
 * The actor a surface form refers to: "Kazakh President Tokayev", "ex-prime minister Massimov",
 * "Massimov", "North Atlantic Treaty Organization". Null when no actor or more than one fits.
 */
export function resolveActor(actors: readonly Actor[], mention: string): Actor | null {
  const written = mention.trim().replace(/\s+/g, " ").replace(/^the\s+/i, "").replace(/['’]s$/i, "");
  const wanted = written.toLowerCase();
  if (!wanted) return null;
  const exact = actors.find((a) => a.name.toLowerCase() === wanted || a.aliases.some((alias) => alias.toLowerCase() === wanted));
  if (exact) return exact;

  const tokens = tokenize(written);
  let i = 0;
  const entity = ENTITIES.match(tokens, 0);
  if (entity?.value.kind === "org" && entity.end === tokens.length) {
    const org = entity.value.org;
    return actors.find((a) => a.name === org.name) ?? null;
  }
  if (entity) i = entity.end;
  const titled = matchTitle(tokens, i, wanted);
  if (titled) i = titled.end;
  const words = tokens.slice(i).map((t) => t.lower).filter((w) => !NAME_PARTICLES.has(w));
  if (words.length === 0) return null;
  const fits = actors.filter((a) => {
    const own = tokenize(a.name).map((t) => t.lower);
    return a.kind === "person" && words.every((w) => own.includes(w));
  });
  return fits.length === 1 ? fits[0]! : null;
}
