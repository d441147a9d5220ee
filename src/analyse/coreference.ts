import type { Owner, RawMention } from "./mentions.js";
import type { Affiliation, Entity, EntityKind, Mention, Role, Token } from "./types.js";
import { vocabulary, type CountryEntry } from "./vocabulary.js";
import { countryByCode, organisationNamed } from "./gazetteer.js";

/**
 * Joins an article's mentions into entities: the same country, body or organ by its key; people by
 * their names ("Tokayev" is "Kassym-Jomart Tokayev"; "Kassym-Shomart" is a transliteration of
 * "Kassym-Jomart"); an office named without a name ("Russian President") by its unique holder;
 * and references by their nearest compatible antecedent ("he", "the former president", "the
 * ministry", "the alliance").
 */

export interface CoreferenceContext {
  home: CountryEntry | null;
  tokensOf(sentence: number): readonly Token[];
  /** Called at every step that grows with the article's mentions: the article's CPU budget. */
  readonly check: () => void;
}

const COPULAS = new Set(["be", "become", "remain", "serve"]);
const SUCCEEDING = new Set(["succeed", "replace", "succeeding", "replacing"]);

function pastCopula(office: RawMention, tokens: readonly Token[]): boolean {
  return tokens
    .slice(Math.max(0, office.start - 4), office.start)
    .some((t) => t.lower === "was" || t.lower === "were" || (t.lower === "had" && tokens[t.index + 1]?.lower === "been"));
}

/** The person (or pronoun) an office is stated of: "X is the …", "he has been …", "named X as …". */
function predicatedHolder(office: RawMention, sentence: readonly RawMention[], tokens: readonly Token[]): RawMention | null {
  let i = office.start - 1;
  while (i >= 0 && (tokens[i]!.pos === "DET" || tokens[i]!.pos === "ADV") && tokens[i]!.lower !== "as") i--;
  const link = tokens[i];
  if (!link || !(COPULAS.has(link.lemma) || link.lower === "as")) return null;
  i--;
  while (i >= 0 && (tokens[i]!.pos === "ADV" || tokens[i]!.pos === "AUX" || tokens[i]!.pos === "PART")) i--;
  // "Ms Aliyeva, a veteran lawyer, has been mayor": over the appositive to its holder.
  if (tokens[i]?.text === ",") {
    const open = tokens.slice(0, i).findLastIndex((t) => t.text === ",");
    if (open > 0 && i - open <= 8) i = open - 1;
  }
  return sentence.find((m) => m.end === i + 1 && (m.kind === "person" || m.reference?.type === "pronoun")) ?? null;
}

interface Draft {
  kind: EntityKind;
  mentions: RawMention[];
  key: string;
  nameWords: string[];
  roleOnly: boolean;
}

const lowerWords = (words: readonly string[]) => words.map((w) => w.toLowerCase());

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Two spellings of one surname: "Massimov"/"Masimov", "Tokayev"/"Toqaev". A feminine ending is a
 * different person ("Nazarbayev"/"Nazarbayeva").
 */
function sameSurname(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 6 || b.length < 6) return false;
  if (a.endsWith("a") !== b.endsWith("a")) return false;
  return editDistance(a, b) <= 2;
}

/** Whether the full names `a` and `b` (lowercase words) can be one person. */
function sameFullName(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 2 || b.length < 2) return false;
  if (!sameSurname(a.at(-1)!, b.at(-1)!)) return false;
  // Given names transliterate differently ("Kassym-Jomart", "Kassym-Shomart", "Qasym-Zhomart") but keep their shape.
  const [ga, gb] = [a[0]!, b[0]!];
  return ga[0] === gb[0] || editDistance(ga, gb) <= 2 || ga.split("-")[0] === gb.split("-")[0];
}

function ownerCountry(owner: Owner | null): CountryEntry | null {
  if (!owner || owner.kind === "body") return null;
  if (owner.kind === "country") return owner.country;
  return owner.organisation.country ? countryByCode(owner.organisation.country) : null;
}

function ownerAffiliation(owner: Owner, origin: Affiliation["origin"]): Affiliation {
  if (owner.kind === "country") return { name: owner.country.name, kind: "country", origin };
  if (owner.kind === "body") return { name: owner.name, kind: "organisation", origin };
  const org = owner.organisation;
  if (org.country) return { name: countryByCode(org.country)?.name ?? org.name, kind: "country", origin: "gazetteer" };
  return { name: org.name, kind: "organisation", origin };
}

const ownerKey = (owner: Owner | null): string =>
  owner === null
    ? "?"
    : owner.kind === "country"
      ? owner.country.code
      : owner.kind === "body"
        ? owner.name.toLowerCase()
        : (owner.organisation.country ?? owner.organisation.name);

/** The country a bare title points to ("Chancellor" is German unless the story is Austria's). */
function titleCountry(mention: RawMention, home: CountryEntry | null): CountryEntry | null {
  const codes = mention.title?.countries;
  if (!codes || mention.owner) return null;
  const code = codes.find((c) => c === home?.code) ?? codes[0];
  return code ? countryByCode(code) : null;
}

export function resolveEntities(mentions: RawMention[], context: CoreferenceContext): { entities: Entity[]; mentions: Mention[] } {
  const ordered = [...mentions].sort((a, b) => a.sentence - b.sentence || a.start - b.start);
  const bySentence = new Map<number, RawMention[]>();
  for (const m of ordered) bySentence.set(m.sentence, [...(bySentence.get(m.sentence) ?? []), m]);
  const inSentence = (sentence: number): readonly RawMention[] => bySentence.get(sentence) ?? [];
  // The country a translated page's writer is in: the one its bare titles point to ("Chancellor Scholz").
  // Else the one foreign capital the page names ("she said in Berlin").
  const capitals = new Set(ordered.flatMap((m) => (m.countryForm === "capital" && m.country && m.country !== context.home ? [m.country] : [])));
  const writer =
    ordered.map((m) => (m.kind === "person" ? titleCountry(m, context.home) : null)).find((c) => c && c !== context.home) ??
    (capitals.size === 1 ? [...capitals][0]! : null);
  giveOwnersFromQualifiers(ordered);

  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  const resolved = new Map<RawMention, Draft>();
  const open = (kind: EntityKind, key: string, mention: RawMention): Draft => {
    let draft = byKey.get(key);
    if (!draft) {
      draft = { kind, mentions: [], key, nameWords: lowerWords(mention.nameWords), roleOnly: mention.roleOnly };
      byKey.set(key, draft);
      drafts.push(draft);
    }
    draft.mentions.push(mention);
    resolved.set(mention, draft);
    return draft;
  };

  // Countries, bodies known by name, media, places and named bodies: one entity per key.
  for (const m of ordered) {
    if (m.reference || m.kind === "person" || m.kind === "reference") continue;
    if (m.kind === "organisation" && m.organ !== null) continue;
    const key = m.key ?? `${m.kind}:${m.name.toLowerCase().replace(/^the\s+/, "")}`;
    open(m.kind, key, m);
  }

  const lastOrganOf = new Map<string, Draft>();
  // Organs: the same kind of body of the same country. One named without a country is the one of
  // that kind named before it, else the writer's (for "federal") or the story's country's.
  for (const m of ordered) {
    if (m.kind !== "organisation" || m.organ === null) continue;
    const kind = m.organ.replace(/^federal /, "");
    let owner = ownerCountry(m.owner);
    // "the parliament" after the European Parliament was named is that body, not a national organ.
    const named = m.reference?.type === "body" ? namedBodyFor(m, ordered, resolved) : undefined;
    if (named) {
      named.mentions.push(m);
      resolved.set(m, named);
      continue;
    }
    const federal = m.organ.startsWith("federal ");
    if (!owner && federal) owner = writer ?? context.home;
    if (!owner) {
      const earlier = lastOrganOf.get(kind);
      if (earlier) {
        earlier.mentions.push(m);
        resolved.set(m, earlier);
        continue;
      }
      owner = context.home;
      m.owner = owner ? { kind: "country", country: owner } : null;
      m.ownerDefault = true;
    } else if (federal && !m.owner) {
      m.owner = { kind: "country", country: owner };
      m.ownerDefault = writer === null;
    }
    lastOrganOf.set(kind, open("organisation", `organ:${kind}:${owner?.code ?? "?"}`, m));
  }

  // People: full names first, then shorter forms that fit exactly one of them.
  const persons = ordered.filter((m) => m.kind === "person" && !m.roleOnly && !m.reference);
  const byLength = [...persons].sort((a, b) => b.nameWords.length - a.nameWords.length || before01(a, b));
  const people: Draft[] = [];
  for (const m of byLength) {
    context.check();
    const words = lowerWords(m.nameWords);
    if (words.length === 0) continue;
    // "Netblocks" after "NetBlocks": the same body, whatever its capitals.
    const body = m.bare ? byKey.get(`organisation:${m.name.toLowerCase()}`) : undefined;
    if (body) {
      body.mentions.push(m);
      resolved.set(m, body);
      continue;
    }
    const fits = people.filter(
      (p) =>
        (words.length < p.nameWords.length && words.every((w) => p.nameWords.includes(w))) ||
        p.nameWords.join(" ") === words.join(" ") ||
        sameFullName(p.nameWords, words),
    );
    const surnameFits = fits.length === 0 && words.length === 1 ? people.filter((p) => sameSurname(p.nameWords.at(-1)!, words[0]!)) : [];
    const home = fits.length === 1 ? fits[0] : surnameFits.length === 1 ? surnameFits[0] : fits.find((p) => p.nameWords.join(" ") === words.join(" "));
    if (home) {
      home.mentions.push(m);
      resolved.set(m, home);
      continue;
    }
    const draft = open("person", `person:${words.join(" ")}`, m);
    people.push(draft);
  }

  resolveReferences(ordered, inSentence, drafts, resolved, context.check);

  // "He is currently the interim chairman of …", "Smailov as prime minister": an office stated of someone.
  for (const m of ordered) {
    if (!m.roleOnly || m.reference) continue;
    const holder = predicatedHolder(m, inSentence(m.sentence), context.tokensOf(m.sentence));
    const draft = holder ? resolved.get(holder) : undefined;
    if (draft?.kind === "person" && !draft.roleOnly) {
      // "Massimov was Kazakhstan's prime minister twice": an office stated in the past is held no more.
      if (m.role && pastCopula(m, context.tokensOf(m.sentence))) m.role = { ...m.role, past: true };
      draft.mentions.push(m);
      resolved.set(m, draft);
    }
  }

  // "named Omurov as interior minister, succeeding Niyazbekov": the one replaced held the office before.
  for (const m of ordered) {
    if (m.kind !== "person" || m.reference || m.roleOnly) continue;
    const tokens = context.tokensOf(m.sentence);
    if (!SUCCEEDING.has(tokens[m.start - 1]?.lemma ?? "")) continue;
    const office = inSentence(m.sentence).find(
      (o) => o.roleOnly && o.role && o.end <= m.start && resolved.get(o)?.kind === "person" && resolved.get(o) !== resolved.get(m),
    );
    if (!office?.role) continue;
    m.role = { key: office.role.key, text: `former ${office.role.text}`, prefix: "former", past: true };
    m.title ??= office.title;
    m.owner ??= office.owner;
  }

  // An office named without a name is its unique holder in the article, else an entity of its own.
  for (const m of ordered) {
    context.check();
    if (!m.roleOnly || m.reference || resolved.has(m)) continue;
    const holders = people.filter((p) => p.mentions.some((h) => holdsSameOffice(h, m)));
    if (holders.length === 1) {
      holders[0]!.mentions.push(m);
      resolved.set(m, holders[0]!);
      continue;
    }
    open("person", `office:${m.role?.key}:${ownerKey(m.owner)}:${m.role?.past ? "past" : ""}`, m);
  }

  const entities = drafts.filter((d) => d.mentions.length > 0).map((d, index) => toEntity(d, index, context, writer));
  const entityOf = new Map(drafts.filter((d) => d.mentions.length > 0).map((d, i) => [d, i]));
  const out: Mention[] = [];
  for (const m of ordered) {
    const draft = resolved.get(m);
    const index = draft ? entityOf.get(draft) : undefined;
    if (index === undefined) continue;
    const mention: Mention = { sentence: m.sentence, start: m.start, end: m.end, entity: index, origin: m.origin, surface: m.surface, naming: !m.reference };
    out.push(mention);
    entities[index]!.mentions.push(mention);
  }
  return { entities, mentions: out };
}

function namedBodyFor(m: RawMention, ordered: readonly RawMention[], resolved: Map<RawMention, Draft>): Draft | undefined {
  const word = m.reference?.type === "body" ? m.reference.word.split(" ").at(-1)! : "";
  return ordered
    .filter((o) => before(o, m) && o.organisation && resolved.has(o) && bodyAnswersTo(resolved.get(o)!, word))
    .map((o) => resolved.get(o)!)
    .at(-1);
}

const before = (a: RawMention, b: RawMention): boolean => a.sentence < b.sentence || (a.sentence === b.sentence && a.end <= b.start);
const before01 = (a: RawMention, b: RawMention): number => a.sentence - b.sentence || a.start - b.start;

function holdsSameOffice(holder: RawMention, office: RawMention): boolean {
  if (!holder.role || !office.role) return false;
  const sameTitle =
    holder.role.key === office.role.key || (office.title?.top === true && vocabulary.genericTitles.has(office.role.key) && holder.title?.top === true);
  if (!sameTitle || holder.role.past !== office.role.past) return false;
  return office.owner === null || holder.owner === null || ownerKey(holder.owner) === ownerKey(office.owner);
}

/** A country right before a body or person ("Kazakhstan's National Security Committee") owns it. */
function giveOwnersFromQualifiers(ordered: RawMention[]): void {
  for (let i = 1; i < ordered.length; i++) {
    const m = ordered[i]!;
    const previous = ordered[i - 1]!;
    const adjacent = previous.end === m.start || (previous.possessive && previous.end + 1 === m.start);
    if (m.owner || previous.sentence !== m.sentence || previous.kind !== "country" || !adjacent) continue;
    if (m.kind !== "organisation" && m.kind !== "person") continue;
    // "Kazakh", "Kazakhstan's" own what follows; a bare country name before a name only lists it.
    const owns = previous.countryForm === "demonym" || /['’]s$/.test(previous.surface) || previous.possessive;
    if (previous.country && owns) m.owner = { kind: "country", country: previous.country };
  }
}

function resolveReferences(
  ordered: RawMention[],
  inSentence: (sentence: number) => readonly RawMention[],
  drafts: Draft[],
  resolved: Map<RawMention, Draft>,
  check: () => void,
): void {
  for (const m of ordered) {
    check();
    const reference = m.reference;
    if (!reference || resolved.has(m)) continue;
    const earlier: RawMention[] = [];
    for (let s = Math.max(0, m.sentence - 3); s <= m.sentence; s++) for (const o of inSentence(s)) if (before(o, m) && resolved.has(o)) earlier.push(o);
    let target: Draft | undefined;
    if (reference.type === "pronoun") target = pronounAntecedent(m, earlier, resolved);
    else if (reference.type === "office") {
      const holders = drafts.filter(
        (d) =>
          d.kind === "person" &&
          d.mentions.some(
            (h) => h !== m && holdsSameOffice(h, m) && (reference.owner === null || (h.owner !== null && ownerKey(h.owner) === ownerKey(reference.owner))),
          ),
      );
      target = holders.length === 1 ? holders[0] : holders.sort((a, b) => lastMention(b, m) - lastMention(a, m))[0];
    } else {
      const word = reference.word;
      const candidates = earlier.map((o) => resolved.get(o)!).filter((d) => d.kind === "organisation" && bodyAnswersTo(d, word));
      target = candidates.at(-1);
      if (!target && m.kind === "organisation") continue;
    }
    if (target) {
      target.mentions.push(m);
      resolved.set(m, target);
    }
  }
}

function lastMention(draft: Draft, upTo: RawMention): number {
  const times = draft.mentions.filter((o) => before(o, upTo)).map((o) => o.sentence * 1e4 + o.start);
  return times.length ? Math.max(...times) : -1;
}

function bodyAnswersTo(draft: Draft, word: string): boolean {
  const organ = draft.mentions.find((o) => o.organ)?.organ;
  if (organ && (organ === word || organ.endsWith(` ${word}`) || (word === "ministry" && organ.includes("ministry")))) return true;
  const org = draft.mentions.find((o) => o.organisation)?.organisation;
  if (org && (org.anaphors.includes(word) || (org.members ?? []).map((w) => w.toLowerCase()).includes(word))) return true;
  const name = draft.mentions.find((o) => o.origin === "name")?.name.toLowerCase() ?? "";
  return name.endsWith(` ${word}`) || name.startsWith(`${word} `);
}

/** "He"/"she": the person the sentence itself named first, else the subject of the nearest sentence naming one. */
function pronounAntecedent(m: RawMention, earlier: RawMention[], resolved: Map<RawMention, Draft>): Draft | undefined {
  const people = earlier.filter((o) => resolved.get(o)!.kind === "person" && !o.press);
  const sameSentence = people.filter((o) => o.sentence === m.sentence);
  if (sameSentence.length) return resolved.get(sameSentence[0]!);
  const lastSentence = people.at(-1)?.sentence;
  if (lastSentence === undefined) return undefined;
  const first = people.find((o) => o.sentence === lastSentence);
  return first ? resolved.get(first) : undefined;
}

function mostSpecificRole(mentions: readonly RawMention[]): Role | null {
  const roles = mentions.flatMap((m) => (m.role && !m.reference && !m.title?.relational ? [m] : []));
  if (roles.length === 0) return null;
  // A current office says who someone is; of past ones, one the text marks as past ("ex-prime
  // minister") reads right on its own; then an owned office ("Kazakh President") says more.
  const marked = (m: RawMention) => m.role!.past && m.role!.prefix !== null;
  const score = (m: RawMention) => (m.role!.past ? 0 : 8) + (marked(m) ? 4 : 0) + (m.owner ? 2 : 0);
  return [...roles].sort((a, b) => score(b) - score(a))[0]!.role;
}

function toEntity(draft: Draft, index: number, context: CoreferenceContext, writer: CountryEntry | null): Entity {
  const naming = draft.mentions.filter((m) => !m.reference);
  const named = naming.length ? naming : draft.mentions;
  const first = named[0]!;
  let name: string;
  if (draft.kind === "person" && !draft.roleOnly) {
    const fullest = named.filter((m) => m.nameWords.length > 0).sort((a, b) => b.nameWords.length - a.nameWords.length)[0] ?? first;
    name = fullest.name;
  } else if (first.organ !== null) {
    name = organName(named, first);
  } else {
    name = first.name;
  }
  const owned = draft.mentions.find((m) => m.owner);
  let affiliation: Affiliation | null = null;
  if (first.organisation) {
    affiliation = first.organisation.country
      ? { name: countryByCode(first.organisation.country)?.name ?? first.organisation.name, kind: "country", origin: "gazetteer" }
      : {
          name: first.organisation.parent ? (organisationNamed(first.organisation.parent)?.name ?? first.organisation.name) : first.organisation.name,
          kind: "organisation",
          origin: "gazetteer",
        };
  } else if (first.country) {
    // A country, or its capital standing for its government ("Moscow said").
    affiliation = { name: first.country.name, kind: "country", origin: "gazetteer" };
  } else if (owned?.owner) {
    const stated = draft.mentions.find((m) => m.owner && !m.ownerDefault) ?? owned;
    affiliation = ownerAffiliation(stated.owner!, stated.ownerDefault ? "default" : "text");
  } else if (draft.kind === "person") {
    const titled = draft.mentions.map((m) => titleCountry(m, context.home)).find(Boolean);
    const federal = draft.mentions.some((m) => m.role?.prefix === "federal");
    const country = federal ? writer : titled;
    if (country) affiliation = { name: country.name, kind: "country", origin: "title" };
  }
  // "his Kazakh counterpart, Mukhtar Tileuberdi" names him, but the relation is no name for him.
  const surfaceOf = (m: RawMention) => (m.title?.relational ? m.name : m.surface.replace(/^.*,\s*/, ""));
  const aliases = [...new Set(naming.flatMap((m) => [surfaceOf(m), ...(m.kind === "person" && m.nameWords.length ? [m.nameWords.join(" ")] : [])]))]
    .map((a) => a.replace(/['’]s$/, ""))
    .filter((a) => a !== name && a.length > 1);
  const organisation = first.organisation;
  return {
    index,
    kind: draft.kind,
    name,
    aliases: [...new Set(aliases)],
    role: draft.kind === "person" ? mostSpecificRole(draft.mentions) : null,
    roles: draft.mentions.flatMap((m) => (m.role ? [m.role] : [])),
    affiliation,
    key: draft.key,
    organ: first.organ?.replace(/^federal /, "") ?? null,
    anaphors: organisation?.anaphors ?? [],
    speaksForHead: organisation?.speaksForHead === true || first.organ === "presidential office",
    roleOnly: draft.roleOnly,
    mentions: [],
  };
}

/**
 * The fullest form the text gives that says whose body it is ("Ministry of Foreign Affairs of
 * Uzbekistan", "Russian Defense Ministry"), else the owner's adjective and the organ as written
 * ("Kazakh interior ministry").
 */
function organName(named: readonly RawMention[], first: RawMention): string {
  const country = ownerCountry(first.owner) ?? ownerCountry(named.find((m) => m.owner)?.owner ?? null);
  const sayWhose = (surface: string) => country !== null && [country.name, ...country.names, ...country.demonyms].some((n) => surface.includes(n));
  const stated = named
    .map((m) => m.surface.replace(/^the\s+/i, "").replace(/['’]s$/, ""))
    .filter(sayWhose)
    .sort((a, b) => b.length - a.length)[0];
  if (stated) return stated[0]!.toUpperCase() + stated.slice(1);
  // A heading's capitals ("Health ministry: 164 dead") are not the organ's name: running text's form is.
  const words = named.map((m) => m.name).find((n) => n === n.toLowerCase()) ?? first.name;
  return country ? `${country.demonyms[0] ?? country.name} ${words}` : words;
}
