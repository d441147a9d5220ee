import type { Gazetteer, GazetteerEntry } from "./gazetteer.js";
import type { EntityKind, MentionOrigin, Role, Token } from "./types.js";
import { vocabulary, type CountryEntry, type OrganisationEntry, type TitleEntry } from "./vocabulary.js";

/**
 * The mentions of people, bodies, countries, places and media in one sentence, before they are
 * joined into the article's entities: names from the gazetteer, titles with the names they
 * introduce ("Kazakh President Kassym-Jomart Tokayev"), government organs ("the interior
 * ministry"), capitalised name runs, and the words that refer back (pronouns, "the president",
 * "the alliance"), which coreference resolves.
 */

export type Owner =
  | { kind: "country"; country: CountryEntry }
  | { kind: "organisation"; organisation: OrganisationEntry }
  /** A body the text names that the gazetteer does not know ("head of the National Security Council"). */
  | { kind: "body"; name: string };

export type Reference =
  | { type: "pronoun"; word: string }
  /** "the president", "the former president", "the Kazakh leader". */
  | { type: "office"; title: TitleEntry; past: boolean; owner: Owner | null }
  /** "the ministry", "the alliance", "the office", "lawmakers". */
  | { type: "body"; word: string };

export interface RawMention {
  sentence: number;
  start: number;
  end: number;
  kind: EntityKind | "reference";
  origin: MentionOrigin;
  surface: string;
  /** Proposed display name ("Kassym-Jomart Tokayev", "CSTO", "National Security Committee"). */
  name: string;
  /** A person's name words without honorifics or particles, for matching "Tokayev" to "Kassym-Jomart Tokayev". */
  nameWords: string[];
  /** Key that makes two mentions one entity without asking their names (countries, known bodies, organs). */
  key: string | null;
  role: Role | null;
  title: TitleEntry | null;
  /** The country or body the text ties the mention to ("Kazakh President", "NATO Secretary General"). */
  owner: Owner | null;
  /** The owner was not in the text but assumed (a bare "the interior ministry" is the story country's). */
  ownerDefault: boolean;
  /** For organs: the kind ("foreign ministry"). */
  organ: string | null;
  organisation: OrganisationEntry | null;
  country: CountryEntry | null;
  countryForm: "name" | "demonym" | "capital" | null;
  reference: Reference | null;
  /** An office named without a name ("Russian President"). */
  roleOnly: boolean;
  /** A lone name with no evidence of being a person (a title, an honorific, a first name). */
  bare: boolean;
  /** A name the article's writer uses only as the press (bylines, correspondents). */
  press: boolean;
  /** A possessive "'s" follows the mention. */
  possessive: boolean;
}

const DETERMINERS = new Set(["the", "a", "an"]);
const PRONOUNS = new Set(["he", "she", "him", "his", "her", "hers"]);
const PARTICLES = new Set(["van", "von", "de", "der", "den", "bin", "ibn", "al", "el", "da", "di", "del", "la", "le", "du", "ter", "zu"]);
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.]*(?:-\p{Lu}[\p{L}\p{M}'’.]*)*$/u;
const ACRONYM = /^\p{Lu}{2,6}$/u;
const WEB_NAME = /^\p{L}[\p{L}\d-]*\.(?:[a-z]{2,3}|com|net|org|info|news)$/u;
const CAMEL = /^\p{Lu}\p{Ll}+\p{Lu}[\p{L}]+$/u;
const HEADLINE_LONG_WORD = /^\p{L}{4,}$/u;
const MAX_NAME_TOKENS = 4;
const PLACE_PREPOSITIONS = new Set(["in", "at", "near", "outside", "across", "throughout", "inside", "around", "towards", "toward"]);

function ownerOf(entry: GazetteerEntry | null | undefined): Owner | null {
  if (!entry) return null;
  if (entry.kind === "country" && entry.form !== "capital") return { kind: "country", country: entry.country };
  if (entry.kind === "organisation") return { kind: "organisation", organisation: entry.organisation };
  return null;
}

/** Headlines capitalise every word, so a capitalised run there says nothing about names. */
export function isTitleCase(tokens: readonly Token[]): boolean {
  const last = tokens.at(-1)?.text ?? "";
  if (/^[.!?…]$/.test(last) || /^[.!?…]$/.test(tokens.at(-2)?.text ?? "")) return false;
  const words = tokens.slice(1).filter((t) => HEADLINE_LONG_WORD.test(t.text));
  const capitalised = words.filter((t) => t.capitalised).length;
  return words.length >= 3 && (capitalised / words.length >= 0.75 || (capitalised / words.length >= 0.6 && words.length - capitalised <= 1));
}

function isNameToken(token: Token | undefined): boolean {
  if (!token || !token.capitalised || !NAME_WORD.test(token.text)) return false;
  if (token.pos === "PUNCT" || token.pos === "NUM" || token.pos === "PRON" || token.pos === "DET" || token.pos === "ADP" || token.pos === "CCONJ") return false;
  return !vocabulary.honorifics.has(token.lower.replace(/\.$/, ""));
}

function emptyMention(sentence: number, tokens: readonly Token[], start: number, end: number, text: string): RawMention {
  return {
    sentence,
    start,
    end,
    kind: "reference",
    origin: "name",
    surface: text.slice(tokens[start]!.start, tokens[end - 1]!.end),
    name: "",
    nameWords: [],
    key: null,
    role: null,
    title: null,
    owner: null,
    ownerDefault: false,
    organ: null,
    organisation: null,
    country: null,
    countryForm: null,
    reference: null,
    roleOnly: false,
    bare: false,
    press: false,
    possessive: tokens[end - 1]?.possessive === true,
  };
}

interface Scan {
  sentence: number;
  tokens: readonly Token[];
  text: string;
  gazetteer: Gazetteer;
  /** In a headline, only names the article's body already used count as names. */
  knownNames: ReadonlySet<string> | null;
  mentions: RawMention[];
}

function slice(scan: Scan, from: number, to: number): string {
  return scan.text.slice(scan.tokens[from]!.start, scan.tokens[to - 1]!.end);
}

/** A qualifier before a title or organ: "Kazakh", "Kazakhstan's", "NATO", "the EU's". */
function qualifierAt(scan: Scan, at: number): { owner: Owner; end: number } | null {
  const hit = scan.gazetteer.match(scan.tokens, at);
  const owner = ownerOf(hit?.value);
  if (!hit || !owner || !scan.tokens[at]!.capitalised) return null;
  const end = scan.tokens[hit.end]?.text.match(/^['’]s$/) ? hit.end + 1 : hit.end;
  return { owner, end };
}

/** A place the story or the gazetteer knows, before an office ("Almaty mayor"): where its end is, or null. */
function placeAt(scan: Scan, at: number): number | null {
  const { tokens } = scan;
  if (!tokens[at]?.capitalised) return null;
  const hit = scan.gazetteer.match(tokens, at);
  if (hit) return hit.value.kind === "place" && scan.gazetteer.title(tokens, hit.end) ? hit.end : null;
  // "Osh Mayor Aitmamat Kadyrbayev": an unknown name right before an office and its holder's name places the office.
  const title = isNameToken(tokens[at]) && tokens[at].unknownWord ? scan.gazetteer.title(tokens, at + 1) : null;
  return title && tokens[at + 1]!.capitalised && nameRunEnd(scan, title.end) > title.end ? at + 1 : null;
}

interface TitleMatch {
  title: TitleEntry;
  prefix: string | null;
  start: number;
  end: number;
}

function titleAt(scan: Scan, at: number): TitleMatch | null {
  const { tokens } = scan;
  let i = at;
  let prefix: string | null = null;
  while (i < tokens.length && i - at < 2 && vocabulary.titlePrefixes.has(tokens[i]!.lower) && tokens[i + 1]) {
    prefix = tokens[i]!.lower;
    i++;
  }
  const hit = scan.gazetteer.title(tokens, i);
  if (hit) return { title: hit.value, prefix, start: at, end: hit.end };
  // "senior Central Asia researcher", "deputy Europe director": a field between the prefix and the title.
  if (prefix === null) return null;
  for (let field = i + 1; field <= i + 3 && field < tokens.length; field++) {
    if (!tokens[field - 1]!.capitalised) break;
    const after = scan.gazetteer.title(tokens, field);
    if (after) return { title: after.value, prefix, start: at, end: after.end };
  }
  // "Deputy Askar Umarov": a prefix word that is an office of its own, never part of the name.
  const own = scan.gazetteer.title(tokens, at);
  return own ? { title: own.value, prefix: null, start: at, end: own.end } : null;
}

/** A run of name words at `at` ("Kassym-Jomart Tokayev", "Ursula von der Leyen"); 0 when none. */
function nameRunEnd(scan: Scan, at: number): number {
  const { tokens } = scan;
  let end = at;
  let i = at;
  while (i < tokens.length && end - at <= MAX_NAME_TOKENS) {
    const token = tokens[i]!;
    if (end > at && PARTICLES.has(token.lower)) {
      const after = PARTICLES.has(tokens[i + 1]?.lower ?? "") ? i + 2 : i + 1;
      if (isNameToken(tokens[after])) {
        i = after;
        continue;
      }
    }
    if (!isNameToken(token)) break;
    if (end > at && (scan.gazetteer.title(tokens, i) || startsKnownName(scan, i))) break;
    if (scan.knownNames && !scan.knownNames.has(token.lower)) break;
    end = i + 1;
    i++;
    if (token.possessive) break;
  }
  return end - at > MAX_NAME_TOKENS ? at : end;
}

function startsKnownName(scan: Scan, at: number): boolean {
  const hit = scan.gazetteer.match(scan.tokens, at);
  return hit !== null && hit.value.kind !== "place";
}

function nameWords(tokens: readonly Token[], from: number, to: number): string[] {
  return tokens
    .slice(from, to)
    .filter((t) => !PARTICLES.has(t.lower) && !vocabulary.honorifics.has(t.lower.replace(/\.$/, "")))
    .map((t) => t.text.replace(/['’]s$/, ""));
}

function roleOf(scan: Scan, match: TitleMatch): Role {
  const past = match.prefix !== null && vocabulary.pastPrefixes.has(match.prefix);
  return { key: match.title.title, text: slice(scan, match.start, match.end), prefix: match.prefix, past };
}

/** "of Kazakhstan", "of NATO", "of the National Security Council": whom an office or organ belongs to. */
function ofOwner(scan: Scan, at: number): { owner: Owner | null; body: { start: number; end: number } | null; end: number } | null {
  const { tokens } = scan;
  if (tokens[at]?.lower !== "of" && tokens[at]?.lower !== "at") return null;
  let i = at + 1;
  if (tokens[i]?.lower === "the") i++;
  const hit = scan.gazetteer.match(tokens, i);
  const owner = ownerOf(hit?.value);
  if (hit && owner) return { owner, body: null, end: hit.end };
  const bodyEnd = bodyRunEnd(scan, i);
  if (bodyEnd > i) return { owner: { kind: "body", name: slice(scan, i, bodyEnd).replace(/['’]s$/, "") }, body: { start: i, end: bodyEnd }, end: bodyEnd };
  // "mayor of Osh", "governor of Almaty region": where the office is, which owns nothing.
  const place = hit?.value.kind === "place" ? hit.end : nameRunEnd(scan, i);
  if (place > i && tokens[i]!.capitalised) return { owner: null, body: null, end: place };
  // "head of criminal prosecution at the Prosecutor General's Office", "head of the domestic secret service KNB".
  let end = i;
  while (
    end < tokens.length &&
    end - i < 6 &&
    (tokens[end]!.pos === "ADJ" || tokens[end]!.pos === "NOUN" || (tokens[end]!.pos === "PROPN" && !tokens[end]!.capitalised))
  )
    end++;
  if (end === i || tokens[at]?.lower !== "of") return null;
  const acronym = tokens[end] && ACRONYM.test(tokens[end]!.text) ? end + 1 : end;
  const further = ofOwner(scan, acronym);
  if (further && tokens[acronym]?.lower === "at") return { ...further, end: further.end };
  if (acronym > end) return { owner: { kind: "body", name: tokens[end]!.text }, body: { start: end, end: acronym }, end: acronym };
  return { owner: null, body: null, end };
}

/** A capitalised run naming a body ("National Security Council", "Prosecutor General's Office"). */
function bodyRunEnd(scan: Scan, at: number): number {
  const { tokens } = scan;
  let i = at;
  let headSeen = false;
  while (i < tokens.length && i - at < 8) {
    const t = tokens[i]!;
    if (/^['’]s$/.test(t.text) && i > at) {
      i++;
      continue;
    }
    if (!t.capitalised || !NAME_WORD.test(t.text) || t.pos === "DET" || t.pos === "PRON") break;
    if (vocabulary.institutionHeads.has(t.lower)) headSeen = true;
    i++;
  }
  return headSeen ? i : at;
}

function addMention(scan: Scan, mention: RawMention): void {
  scan.mentions.push(mention);
}

/** "Kazakh President Kassym-Jomart Tokayev", "the EU's foreign policy chief", "the former president". */
function readTitled(scan: Scan, at: number): number | null {
  const { tokens } = scan;
  let i = at;
  const determiner = DETERMINERS.has(tokens[i]?.lower ?? "") ? tokens[i]!.lower : null;
  if (determiner) i++;
  const qualifier = qualifierAt(scan, i);
  let owner: Owner | null = qualifier?.owner ?? null;
  if (qualifier) i = qualifier.end;
  // "Almaty mayor": a place says where the office is, not whose country it is.
  const place = qualifier ? null : placeAt(scan, i);
  if (place !== null) i = place;
  // "Chinese foreign ministry spokesman", "Kremlin spokesman": an organ between the owner and the title.
  const organ = scan.gazetteer.organ(tokens, i);
  const afterOrgan = organ ? organ.end : i;
  const match = titleAt(scan, afterOrgan) ?? (organ ? null : titleAt(scan, i));
  if (!match) return null;
  // "NATO Secretary General": the body is named too, and "the alliance" may refer back to it.
  if (qualifier?.owner.kind === "organisation" && !vocabulary.pressTitles.has(match.title.title)) readGazetteer(scan, determiner ? at + 1 : at);
  const titleStart = match.start;
  let end = match.end;
  const of = ofOwner(scan, end);
  if (of) {
    owner ??= of.owner;
    end = of.end;
  }
  // "NATO Secretary General", "Kremlin spokesman": a body's name is part of the office; a country's adjective is not.
  const bodyQualified = qualifier !== null && qualifier.owner.kind === "organisation";
  const qualifiedStart = determiner ? at + 1 : at;
  const roleStart = bodyQualified || place !== null ? qualifiedStart : organ ? i : titleStart;
  const role: Role = { ...roleOf(scan, match), text: slice(scan, roleStart, of ? of.end : match.end).replace(/['’]s\b/, "") };
  if (vocabulary.pressTitles.has(match.title.title)) return null;

  // The name right after the title, or after a comma: "The president of Kazakhstan, Kassym-Jomart Tokayev,".
  let nameStart = end;
  if (tokens[nameStart]?.text === "," && tokens[nameStart + 1] && isNameToken(tokens[nameStart + 1])) nameStart++;
  const nameEnd = nameRunEnd(scan, nameStart);
  const relational = match.title.relational === true;
  if (nameEnd > nameStart) {
    const mention = emptyMention(scan.sentence, tokens, determiner ? at + 1 : at, nameEnd, scan.text);
    Object.assign(mention, {
      kind: "person",
      origin: "title",
      name: slice(scan, nameStart, nameEnd).replace(/['’]s$/, ""),
      nameWords: nameWords(tokens, nameStart, nameEnd),
      role,
      title: match.title,
      owner,
    });
    addMention(scan, mention);
    if (of?.body) addBody(scan, of.body.start, of.body.end, null);
    return nameEnd;
  }
  // "his Kazakh counterpart" with no name says how someone stands to another, not who they are.
  if (relational) return end;
  if (of?.body) addBody(scan, of.body.start, of.body.end, null);
  const capitalised = tokens[titleStart]!.capitalised || (match.prefix !== null && tokens[titleStart + 1]?.capitalised === true);
  // "named Omurov as prime minister", "has been mayor of Osh": an office stated of someone before it.
  const before = tokens[at - 1];
  const predicative =
    before !== undefined && (before.lower === "as" || (before.lemma === "be" && (before.pos === "AUX" || before.pos === "VERB")) || before.lemma === "become");
  const mention = emptyMention(scan.sentence, tokens, determiner ? at + 1 : at, end, scan.text);
  if (owner || capitalised || predicative) {
    // "Russian President", "the EU's foreign policy chief": an office holder the text does not name here.
    const name = slice(scan, determiner ? at + 1 : at, end).replace(/['’]s\b/, "");
    Object.assign(mention, { kind: "person", origin: "title", name, role, title: match.title, owner, roleOnly: true });
    if (!owner && !determiner && !predicative) mention.reference = { type: "office", title: match.title, past: role.past, owner: null };
  } else if (determiner === "the") {
    Object.assign(mention, { reference: { type: "office", title: match.title, past: role.past, owner }, role, title: match.title, origin: "coreference" });
  } else {
    return end;
  }
  addMention(scan, mention);
  return end;
}

/** "the interior ministry", "Kazakhstan's Foreign Ministry", "Ministry of Foreign Affairs of Uzbekistan". */
function readOrgan(scan: Scan, at: number): number | null {
  const { tokens } = scan;
  let i = at;
  const determiner = DETERMINERS.has(tokens[i]?.lower ?? "");
  if (determiner) i++;
  const qualifier = qualifierAt(scan, i);
  if (qualifier) i = qualifier.end;
  // "the federal government": a writer's own government, whichever country that is.
  const federal = tokens[i]?.lower === "federal";
  const hit = scan.gazetteer.organ(tokens, i) ?? (federal ? scan.gazetteer.organ(tokens, i + 1) : null);
  if (!hit) return officeOfTitle(scan, at, determiner ? at + 1 : at);
  let end = hit.end;
  const next = tokens[end];
  // "government buildings", "government troops": the organ word describes something else.
  const verbLike = next !== undefined && (vocabulary.speechVerbs.has(next.lemma) || vocabulary.reactionVerbs.has(next.lemma));
  if (next && (next.pos === "NOUN" || next.pos === "PROPN" || next.pos === "ADJ") && !verbLike && !scan.gazetteer.title(tokens, end) && next.lower !== "of") {
    if (!(next.capitalised && qualifier)) return null;
  }
  let owner = qualifier?.owner ?? null;
  const of = ofOwner(scan, end);
  if (of?.owner) {
    owner ??= of.owner;
    // "the administration of US President Joe Biden": the country qualifies the office holder, whose body it is.
    if (!titleAt(scan, of.end)) end = of.end;
  }
  if (!determiner && !qualifier && !tokens[i]!.capitalised && !of?.owner) return null;
  const mention = emptyMention(scan.sentence, tokens, determiner ? at + 1 : at, end, scan.text);
  const words = slice(scan, i, hit.end);
  Object.assign(mention, {
    kind: "organisation",
    origin: "organ",
    name: words,
    organ: hit.value.kind,
    owner,
    key: null,
  });
  if (federal) mention.organ = `federal ${hit.value.kind}`;
  // "the government" with nothing to say whose: coreference (or the story's country) decides.
  if (!owner && determiner && !tokens[i]!.capitalised) mention.reference = { type: "body", word: hit.value.kind };
  addMention(scan, mention);
  return end;
}

const OFFICE_WORDS = new Set(["office", "administration", "press service", "spokesman", "chancellery"]);

/** "the office of the Turkish leader", "the office of the President of Turkey": a head's own office. */
function officeOfTitle(scan: Scan, at: number, from: number): number | null {
  const { tokens } = scan;
  if (!OFFICE_WORDS.has(tokens[from]?.lower ?? "") || tokens[from + 1]?.lower !== "of") return null;
  let i = from + 2;
  if (tokens[i]?.lower === "the") i++;
  const qualifier = qualifierAt(scan, i);
  const match = titleAt(scan, qualifier ? qualifier.end : i);
  if (!match?.title.top) return null;
  let end = match.end;
  const of = ofOwner(scan, end);
  if (of?.owner) end = of.end;
  const mention = emptyMention(scan.sentence, tokens, from, end, scan.text);
  Object.assign(mention, {
    kind: "organisation",
    origin: "organ",
    name: slice(scan, from, end),
    organ: "presidential office",
    owner: qualifier?.owner ?? of?.owner ?? null,
  });
  addMention(scan, mention);
  return end;
}

function addBody(scan: Scan, start: number, end: number, owner: Owner | null): void {
  const mention = emptyMention(scan.sentence, scan.tokens, start, end, scan.text);
  Object.assign(mention, { kind: "organisation", origin: "name", name: slice(scan, start, end).replace(/['’]s$/, ""), owner });
  addMention(scan, mention);
}

function readGazetteer(scan: Scan, at: number): number | null {
  const { tokens } = scan;
  const hit = scan.gazetteer.match(tokens, at);
  if (!hit) return null;
  const entry = hit.value;
  const first = tokens[at]!;
  // "Chad Smith", "Jordan Peterson": a country name that is a given name before a surname.
  if (
    entry.kind === "country" &&
    vocabulary.alsoGivenNames.has(first.lower) &&
    hit.end === at + 1 &&
    isNameToken(tokens[at + 1]) &&
    !startsKnownName(scan, at + 1)
  ) {
    return null;
  }
  if (!first.capitalised && entry.kind !== "media") return null;
  const mention = emptyMention(scan.sentence, tokens, at, hit.end, scan.text);
  switch (entry.kind) {
    case "country":
      if (entry.form === "capital") {
        // A capital is a place; when it speaks ("Moscow said") the reaction reads it as its government.
        Object.assign(mention, {
          kind: "place",
          origin: "gazetteer",
          name: slice(scan, at, hit.end),
          key: `capital:${entry.country.code}`,
          country: entry.country,
          countryForm: entry.form,
        });
      } else {
        Object.assign(mention, {
          kind: "country",
          origin: "gazetteer",
          name: entry.country.name,
          key: `country:${entry.country.code}`,
          country: entry.country,
          countryForm: entry.form,
        });
      }
      break;
    case "organisation":
      Object.assign(mention, {
        kind: "organisation",
        origin: "gazetteer",
        name: entry.organisation.name,
        key: `org:${entry.organisation.name}`,
        organisation: entry.organisation,
      });
      break;
    case "media":
      Object.assign(mention, { kind: "media", origin: "gazetteer", name: entry.name, key: `media:${entry.name.toLowerCase()}` });
      break;
    case "place":
      Object.assign(mention, { kind: "place", origin: "story", name: entry.name, key: `place:${entry.name.toLowerCase()}` });
      break;
  }
  addMention(scan, mention);
  return hit.end;
}

/** A capitalised run: a body when it holds an institution word, a person when it reads as a name. */
function readNameRun(scan: Scan, at: number, sentenceStart: boolean): number | null {
  const { tokens } = scan;
  const honorific = vocabulary.honorifics.has(tokens[at]!.lower.replace(/\.$/, "")) && isNameToken(tokens[at + 1]);
  const from = honorific ? at + 1 : at;
  const body = bodyRunEnd(scan, from);
  if (body > from) {
    let end = body;
    // "Office of the President of Turkey", "Ministry of Emergency Situations".
    const of = ofOwner(scan, end);
    if (of) end = of.end;
    const head = tokens.slice(from, body).find((t) => vocabulary.notActorHeads.has(t.lower) || vocabulary.mediaHeads.has(t.lower));
    if (!head || vocabulary.institutionHeads.has(tokens[body - 1]!.lower)) {
      const mention = emptyMention(scan.sentence, tokens, from, end, scan.text);
      Object.assign(mention, { kind: "organisation", origin: "name", name: slice(scan, from, end).replace(/['’]s$/, ""), owner: of?.owner ?? null });
      if (of?.body) addBody(scan, of.body.start, of.body.end, null);
      addMention(scan, mention);
    }
    return end;
  }
  const end = nameRunEnd(scan, from);
  if (end === from) return null;
  const run = tokens.slice(from, end);
  // Places, events and documents ("Republic Square", "Global Human Rights Sanctions Regime").
  if (run.some((t) => vocabulary.notActorHeads.has(t.lower))) return end;
  if (run.some((t) => vocabulary.mediaHeads.has(t.lower))) {
    const mention = emptyMention(scan.sentence, tokens, from, end, scan.text);
    Object.assign(mention, { kind: "media", origin: "name", name: slice(scan, from, end), key: `media:${slice(scan, from, end).toLowerCase()}` });
    addMention(scan, mention);
    return end;
  }
  const single = run.length === 1;
  const word = run[0]!;
  // "Vlast.kz", "Orda.kz": a site's address names a medium.
  if (single && WEB_NAME.test(word.text)) {
    const site = emptyMention(scan.sentence, tokens, from, end, scan.text);
    Object.assign(site, { kind: "media", origin: "name", name: word.text, key: `media:${word.lower}` });
    addMention(scan, site);
    return end;
  }
  const unknown = run.some((t) => t.unknownWord);
  // A sentence's first word is capitalised anyway: it names something only when it is no English word
  // or it is the subject of a verb of speech ("Beeline said").
  if (sentenceStart && from === at && single && !unknown && !CAMEL.test(word.text) && !ACRONYM.test(word.text)) return null;
  if (sentenceStart && from === at && !single && !unknown && run.every((t) => !t.unknownWord) && word.pos !== "PROPN") return null;
  const before = tokens[from - 1];
  // "in Strasbourg", "near Aktobe": a name after a preposition of place is a place.
  if (!honorific && unknown && before && PLACE_PREPOSITIONS.has(before.lower) && !tokens[end - 1]!.possessive) {
    const place = emptyMention(scan.sentence, tokens, from, end, scan.text);
    Object.assign(place, { kind: "place", origin: "name", name: slice(scan, from, end), key: `place:${slice(scan, from, end).toLowerCase()}` });
    addMention(scan, place);
    return end;
  }
  // "the Balkanization of the web": people are not "the X".
  if (single && before?.pos === "DET" && !CAMEL.test(word.text) && !ACRONYM.test(word.text)) return end;
  const mention = emptyMention(scan.sentence, tokens, at, end, scan.text);
  const name = slice(scan, from, end).replace(/['’]s$/, "");
  const descriptor = vocabulary.descriptors.has(tokens[at - 1]?.lower ?? "");
  const organisationLike = single && (ACRONYM.test(word.text) || CAMEL.test(word.text) || descriptor);
  if (organisationLike && !honorific) {
    Object.assign(mention, { kind: "organisation", origin: "name", name });
  } else if (!honorific && !unknown && !(run.every((t) => t.pos === "PROPN") && isSpeechVerb(tokens[end]))) {
    // Capitalised English words ("Great Disconnect", "Central Asia", "Saturday") that nothing marks as a name.
    return end;
  } else {
    Object.assign(mention, { kind: "person", origin: "name", name, nameWords: nameWords(tokens, from, end), bare: single && !honorific });
  }
  addMention(scan, mention);
  return end;
}

function isSpeechVerb(token: Token | undefined): boolean {
  return token !== undefined && (token.pos === "VERB" || token.pos === "NOUN") && vocabulary.speechVerbs.has(token.lemma);
}

function readReference(scan: Scan, at: number): number | null {
  const { tokens } = scan;
  const token = tokens[at]!;
  if (PRONOUNS.has(token.lower)) {
    const mention = emptyMention(scan.sentence, tokens, at, at + 1, scan.text);
    Object.assign(mention, { origin: "coreference", reference: { type: "pronoun", word: token.lower } });
    addMention(scan, mention);
    return at + 1;
  }
  if (token.lower === "the" && tokens[at + 1] && !tokens[at + 1]!.capitalised) {
    const word = tokens[at + 1]!.lower;
    const anaphor = ANAPHORS.has(word) && tokens[at + 2]?.pos !== "NOUN";
    if (anaphor) {
      const mention = emptyMention(scan.sentence, tokens, at + 1, at + 2, scan.text);
      Object.assign(mention, { origin: "coreference", reference: { type: "body", word } });
      addMention(scan, mention);
      return at + 2;
    }
  }
  const lower = token.lower;
  // "Lawmakers also called…" after the European Parliament was named; "members of X" names X itself.
  if (MEMBERS.has(lower) && tokens[at + 1]?.lower !== "of") {
    const mention = emptyMention(scan.sentence, tokens, at, at + 1, scan.text);
    Object.assign(mention, { origin: "coreference", reference: { type: "body", word: lower } });
    addMention(scan, mention);
    return at + 1;
  }
  return null;
}

const ANAPHORS = new Set(vocabulary.organisations.flatMap((o) => o.anaphors).concat(vocabulary.organs.map((o) => o.forms[0]!.split(" ").at(-1)!)));
const MEMBERS = new Set(vocabulary.organisations.flatMap((o) => o.members ?? []).map((w) => w.toLowerCase()));

/**
 * Every mention in one sentence, left to right, none overlapping. `knownNames` (lowercase name words
 * seen in the article's running text) is given for headlines, where capitals prove nothing.
 */
export function findMentions(
  sentence: number,
  tokens: readonly Token[],
  text: string,
  gazetteer: Gazetteer,
  knownNames: ReadonlySet<string> | null,
): RawMention[] {
  const scan: Scan = { sentence, tokens, text, gazetteer, knownNames, mentions: [] };
  const found = scan.mentions;
  let i = 0;
  let clauseStart = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.pos === "PUNCT" && /^[“"‘(:—–-]$/.test(token.text)) clauseStart = i + 1;
    const next =
      readTitled(scan, i) ??
      readOrgan(scan, i) ??
      readGazetteer(scan, i) ??
      (token.capitalised || vocabulary.honorifics.has(token.lower.replace(/\.$/, "")) ? readNameRun(scan, i, i === clauseStart) : null) ??
      readReference(scan, i);
    i = next !== null && next > i ? next : i + 1;
  }
  return withAcronyms(withAppositives(found, tokens), tokens);
}

/** "the National Security Committee (KNB)": the letters in brackets are the body's own short name. */
function withAcronyms(mentions: RawMention[], tokens: readonly Token[]): RawMention[] {
  for (const m of mentions) {
    if (m.kind !== "organisation" || tokens[m.end]?.text !== "(" || tokens[m.end + 2]?.text !== ")") continue;
    const short = mentions.find((o) => o.start === m.end + 1 && o.end === m.end + 2 && o.kind === "organisation");
    if (short && ACRONYM.test(short.surface) && short.key === null && m.key === null) short.name = m.name;
  }
  return mentions;
}

/**
 * "Josep Borrell, the EU's foreign policy chief, said", "Nazarbayev, the head of the National
 * Security Council, was ousted": the office between commas is the person's, not a second actor.
 */
function withAppositives(mentions: RawMention[], tokens: readonly Token[]): RawMention[] {
  const absorbed = new Set<RawMention>();
  mentions.forEach((m) => {
    if (m.kind !== "person" || m.roleOnly || tokens[m.end]?.text !== ",") return;
    const office = mentions.find(
      (o) => o.role && (o.roleOnly || o.reference?.type === "office") && (o.start === m.end + 1 || (o.start === m.end + 2 && tokens[m.end + 1]?.pos === "DET")),
    );
    if (!office?.role) return;
    const after = tokens[office.end];
    if (after && after.text !== "," && after.text !== "." && after.text !== ")" && after.text !== ";") return;
    m.role = m.role && !m.role.past ? m.role : office.role;
    m.title = m.title && m.role === office.role ? office.title : (m.title ?? office.title);
    m.owner ??= office.owner;
    absorbed.add(office);
  });
  return mentions.filter((m) => !absorbed.has(m));
}
