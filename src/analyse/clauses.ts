import type { Mention, Predicate, Token } from "./types.js";
import { vocabulary } from "./vocabulary.js";

/**
 * Who does what in a sentence, read shallowly from tags and mentions: each verb gets the noun
 * phrase acting as its subject (over an appositive, a relative clause or a parenthesis: "Russia,
 * through the alliance it leads, sent…"), the speaker named after a verb of speech ("…, said the
 * ministry"), or the agent of a passive ("was announced by the ministry"). No parser is used; what
 * the rules cannot tell stays unknown rather than guessed.
 */

const SKIPPABLE = new Set(["ADV", "AUX", "PART"]);
const TIME_WORDS = new Set([
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "yesterday",
  "today",
  "tonight",
  "earlier",
  "later",
  "also",
  "now",
  "then",
  "already",
  "still",
  "again",
  "reportedly",
  "allegedly",
  "currently",
  "recently",
  "once",
  "first",
]);
const NP_POS = new Set(["NOUN", "PROPN", "ADJ", "DET", "NUM", "PART"]);
const NP_LINKS = new Set(["of", "in", "at", "from", "for"]);
const CLAUSE_WORDS = new Set(["who", "which", "whose", "whom", "that"]);
const POSSESSIVE_PRONOUNS = new Set(["his", "her", "its", "their", "our", "my", "your"]);
const STATEMENT_NOUNS = new Set([
  "statement",
  "note",
  "communique",
  "announcement",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "office",
  "website",
  "account",
  "press",
  "service",
  "report",
  "letter",
  "message",
  "post",
  "tweet",
  "decree",
]);
const MEMBER_NOUNS = new Set([
  "member",
  "members",
  "mep",
  "meps",
  "lawmaker",
  "lawmakers",
  "representative",
  "representatives",
  "delegation",
  "head",
  "leader",
  "leadership",
]);
const COPULAS = new Set(["be", "remain", "become", "feel", "seem", "appear", "stay"]);
const MAX_APPOSITIVE = 25;
const IRREGULAR_PARTICIPLES = new Set([
  "led",
  "held",
  "run",
  "hit",
  "shot",
  "struck",
  "sent",
  "set",
  "built",
  "caught",
  "brought",
  "kept",
  "left",
  "lost",
  "paid",
  "put",
  "cut",
  "hurt",
  "told",
  "said",
  "made",
  "met",
  "fought",
  "won",
]);
/** Forms of speech verbs the tagger sometimes takes for adjectives or nouns after a name ("Human Rights Watch said"). */
const SPEECH_FORMS = new Map([
  ["said", "say"],
  ["says", "say"],
  ["told", "tell"],
  ["tells", "tell"],
  ["added", "add"],
  ["stated", "state"],
  ["announced", "announce"],
  ["reported", "report"],
  ["warned", "warn"],
  ["urged", "urge"],
  ["noted", "note"],
  ["stressed", "stress"],
  ["declared", "declare"],
  ["tweeted", "tweet"],
  ["wrote", "write"],
  ["insisted", "insist"],
]);
/** First words of titles and their prefixes: an aside opening with one describes the name before it. */
const TITLE_WORDS = new Set([...vocabulary.titles.map((t) => t.title.split(" ")[0]!), ...vocabulary.titlePrefixes]);

interface Reading {
  tokens: readonly Token[];
  mentions: readonly Mention[];
  /** Mention index by its first and last token. */
  startsAt: Map<number, number>;
  endsAt: Map<number, number>;
}

function index(tokens: readonly Token[], mentions: readonly Mention[]): Reading {
  const startsAt = new Map<number, number>();
  const endsAt = new Map<number, number>();
  mentions.forEach((m, i) => {
    const longer = (other: number | undefined) => other === undefined || mentions[other]!.end - mentions[other]!.start < m.end - m.start;
    if (longer(startsAt.get(m.start))) startsAt.set(m.start, i);
    if (longer(endsAt.get(m.end - 1))) endsAt.set(m.end - 1, i);
  });
  return { tokens, mentions, startsAt, endsAt };
}

const isVerbOfSpeech = (t: Token | undefined) => t !== undefined && (vocabulary.speechVerbs.has(t.lemma) || vocabulary.reportingVerbs.has(t.lemma));

/** A stance adjective after a copula: "was deeply concerned", "is ready to". */
function isStance(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k]!;
  if (t.pos !== "ADJ" && t.pos !== "VERB") return false;
  if (!vocabulary.feelings.has(t.lower)) return false;
  let j = k - 1;
  while (j >= 0 && tokens[j]!.pos === "ADV") j--;
  return j >= 0 && COPULAS.has(tokens[j]!.lemma) && (tokens[j]!.pos === "AUX" || tokens[j]!.pos === "VERB");
}

/** "was arrested", "have been detained", "got hurt"; not "was holding" nor "has arrested". */
function isPassive(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k]!;
  if (t.lower.endsWith("ing") || t.lower === t.lemma) return false;
  // "…, quoted by Tass", "troops deployed by the alliance": a participle with its agent and no auxiliary
  // ("spoke by telephone" is no participle).
  const previous = tokens[k - 1];
  const participle = /(?:ed|en|wn)$/.test(t.lower) || IRREGULAR_PARTICIPLES.has(t.lower);
  if (participle && tokens[k + 1]?.lower === "by" && previous && (previous.text === "," || previous.pos === "NOUN" || previous.pos === "PROPN")) return true;
  let j = k - 1;
  while (j >= 0 && (tokens[j]!.pos === "ADV" || tokens[j]!.lower === "not")) j--;
  const aux = tokens[j];
  return aux !== undefined && (aux.lemma === "be" || aux.lemma === "get") && aux.pos !== "VERB";
}

/** The tagger's NOUN for "calls", "notes", "says" where it plainly acts as the verb after a name. */
function isVerbLikeNoun(r: Reading, k: number): boolean {
  const t = r.tokens[k]!;
  if (t.pos !== "NOUN" || !(vocabulary.speechVerbs.has(t.lemma) || vocabulary.reactionVerbs.has(t.lemma)) || !/s$/.test(t.lower)) return false;
  const next = r.tokens[k + 1];
  return r.endsAt.has(k - 1) && (next === undefined || ["ADP", "SCONJ", "DET", "PUNCT", "NOUN", "ADJ"].includes(next.pos));
}

function skipAdverbs(tokens: readonly Token[], from: number): number {
  let j = from;
  while (j >= 0 && tokens[j]!.pos === "ADV") j--;
  return j;
}

/** Walks left over adverbs, auxiliaries and a time phrase ("on Tuesday") to where the subject must end. */
function skipToSubject(tokens: readonly Token[], from: number): number {
  let j = from;
  for (;;) {
    while (j >= 0 && (SKIPPABLE.has(tokens[j]!.pos) || TIME_WORDS.has(tokens[j]!.lower)) && tokens[j]!.lemma !== "'s") j--;
    // "Tokayev on Tuesday accused", "the ministry on Saturday said".
    if (j >= 1 && tokens[j - 1]!.lower === "on" && (TIME_WORDS.has(tokens[j]!.lower) || tokens[j]!.pos === "NUM")) {
      j -= 2;
      continue;
    }
    return j;
  }
}

/** The noun phrase ending at `end`: left over modifiers, possessives and post-modifying "of"/"in" phrases. */
function phraseStart(r: Reading, end: number): number {
  let j = end;
  while (j >= 0) {
    const mention = r.endsAt.get(j);
    if (mention !== undefined) {
      j = r.mentions[mention]!.start - 1;
      continue;
    }
    const t = r.tokens[j]!;
    if (NP_POS.has(t.pos) || POSSESSIVE_PRONOUNS.has(t.lower) || t.text === "-") {
      j--;
      continue;
    }
    // "Officials in Almaty", "the head of the investigations department at the Prosecutor General's Office",
    // "Russian President and his Kazakh counterpart".
    if ((NP_LINKS.has(t.lower) || t.lower === "and") && j > 0 && (NP_POS.has(r.tokens[j - 1]!.pos) || r.endsAt.has(j - 1))) {
      j--;
      continue;
    }
    break;
  }
  return j + 1;
}

/**
 * The entity a noun phrase names as its doer: the mention it opens with ("Russian President
 * Vladimir Putin"), the body of "members of X", the owner of "X's statement"; otherwise none.
 */
function phraseAgent(r: Reading, start: number, end: number): number | null {
  let i = start;
  while (i <= end && (r.tokens[i]!.pos === "DET" || POSSESSIVE_PRONOUNS.has(r.tokens[i]!.lower))) i++;
  const opening = r.startsAt.get(i);
  if (opening !== undefined) {
    const mention = r.mentions[opening]!;
    const after = r.tokens[mention.end];
    // "the Kremlin's statement", "Tokayev's office" speak for the owner; "Tokayev's decision" is no speaker.
    if (after?.lemma === "'s") {
      const head = r.tokens[mention.end + 1];
      return head && STATEMENT_NOUNS.has(head.lemma) ? opening : null;
    }
    // A mention that only modifies the head ("the CSTO video conference") does not act.
    if (
      mention.end <= end &&
      r.tokens[mention.end] &&
      NP_POS.has(r.tokens[mention.end]!.pos) &&
      r.tokens[mention.end]!.pos !== "DET" &&
      !r.startsAt.has(mention.end) &&
      r.tokens[mention.end]!.lower !== "and"
    ) {
      return null;
    }
    return opening;
  }
  // "local telco Beeline", "the Russian-led CSTO": the name that ends the phrase is its head.
  const closing = r.endsAt.get(end);
  if (closing !== undefined) {
    const m = r.mentions[closing]!;
    const link = r.tokens[m.start - 1];
    if (!(link && (NP_LINKS.has(link.lower) || link.lower === "and")) && m.start > start) return closing;
  }
  // "Members of the European Parliament have called…"
  if (MEMBER_NOUNS.has(r.tokens[i]?.lower ?? "") && r.tokens[i + 1]?.lower === "of") {
    let j = i + 2;
    if (r.tokens[j]?.lower === "the") j++;
    const body = r.startsAt.get(j);
    if (body !== undefined) return body;
  }
  return null;
}

/** Over an appositive, relative clause or aside between commas: "Russia, through the alliance it controls, sent". */
function overAside(r: Reading, comma: number): number | null {
  const { tokens } = r;
  for (let c = comma - 1; c >= 0 && comma - c <= MAX_APPOSITIVE; c--) {
    const t = tokens[c]!;
    if (t.text === ";" || t.text === ":") return null;
    if (t.text !== ",") continue;
    const inner = tokens[c + 1];
    if (!inner) return null;
    const aside =
      inner.pos === "DET" ||
      inner.pos === "ADP" ||
      inner.pos === "ADJ" ||
      inner.pos === "NUM" ||
      CLAUSE_WORDS.has(inner.lower) ||
      TITLE_WORDS.has(inner.lower) ||
      (inner.pos === "VERB" && !inner.lower.endsWith("ing") && tokens[c + 2]?.lower === "by") ||
      r.startsAt.has(c + 1);
    const before = c - 1;
    if (aside && before >= 0 && (r.endsAt.has(before) || NP_POS.has(tokens[before]!.pos))) return before;
    return null;
  }
  return null;
}

interface Subject {
  start: number;
  end: number;
  agent: number | null;
  coordinated: boolean;
}

function subjectBefore(r: Reading, k: number, previousAll: readonly Predicate[]): Subject | null {
  const previous = previousAll.at(-1);
  const { tokens } = r;
  let j = skipToSubject(tokens, k - 1);
  if (j < 0) return null;
  const t = tokens[j]!;
  if (t.pos === "CCONJ" && previous && previous.verb < j) {
    // "X reported that … had been detained and added that …": the last verb someone did.
    const doer = [...previousAll].reverse().find((p) => p.verb < j && !p.passive && p.agentStart >= 0) ?? previous;
    return { start: doer.agentStart, end: doer.agentEnd, agent: doer.agent, coordinated: true };
  }
  if (t.text === ")") {
    const open = tokens.slice(0, j).findLastIndex((o) => o.text === "(");
    if (open <= 0) return null;
    j = skipToSubject(tokens, open - 1);
  } else if (t.text === ",") {
    // "Serik Shalabayev, head of … at the Prosecutor General's Office, told": over the aside to its holder;
    // "The president of Kazakhstan, Kassym-Jomart Tokayev, announced": the mention closes with the comma.
    const aside = overAside(r, j);
    const end =
      aside !== null && r.endsAt.has(aside) && r.tokens[aside + 2] && TITLE_WORDS.has(r.tokens[aside + 2]!.lower) ? aside : r.endsAt.has(j - 1) ? j - 1 : aside;
    if (end === null) return null;
    j = end;
  }
  const last = tokens[j];
  if (!last) return null;
  if (last.pos === "PRON" && !POSSESSIVE_PRONOUNS.has(last.lower)) {
    // "the alliance, which stipulates…", "Massimov, who was fired…": the relative pronoun's antecedent acts.
    if (CLAUSE_WORDS.has(last.lower)) {
      const antecedent = r.endsAt.get(tokens[j - 1]?.text === "," ? j - 2 : j - 1);
      if (antecedent !== undefined) return { start: r.mentions[antecedent]!.start, end: r.mentions[antecedent]!.end, agent: antecedent, coordinated: false };
    }
    const pronoun = r.endsAt.get(j);
    return { start: j, end: j + 1, agent: pronoun ?? null, coordinated: false };
  }
  if (!r.endsAt.has(j) && !NP_POS.has(last.pos)) return null;
  if (last.pos === "DET") return null;
  const start = phraseStart(r, j);
  // A phrase inside a prepositional phrase ("in quelling the protests") is no subject.
  if (start > 0 && tokens[start - 1]!.pos === "ADP" && !NP_LINKS.has(tokens[start - 1]!.lower)) return null;
  return { start, end: j + 1, agent: phraseAgent(r, start, j), coordinated: false };
}

/** "…, said Interior Minister Erlan Turgumbayev", "“…,” says the ministry". */
function speakerAfter(r: Reading, k: number): Subject | null {
  const { tokens } = r;
  let i = k + 1;
  while (tokens[i]?.pos === "ADV" || TIME_WORDS.has(tokens[i]?.lower ?? "")) i++;
  const start = i;
  if (tokens[i]?.pos === "DET") i++;
  const mention = r.startsAt.get(i);
  if (mention !== undefined) return { start, end: r.mentions[mention]!.end, agent: mention, coordinated: false };
  let end = i;
  while (end < tokens.length && (tokens[end]!.pos === "NOUN" || tokens[end]!.pos === "PROPN" || tokens[end]!.pos === "ADJ")) end++;
  if (end === i) return null;
  // "reads a note from the ministry": the body a statement comes from.
  if (STATEMENT_NOUNS.has(tokens[end - 1]!.lemma) && (tokens[end]?.lower === "from" || tokens[end]?.lower === "of" || tokens[end]?.lower === "by")) {
    const from = tokens[end + 1]?.pos === "DET" ? end + 2 : end + 1;
    const body = r.startsAt.get(from);
    if (body !== undefined) return { start, end: r.mentions[body]!.end, agent: body, coordinated: false };
  }
  return { start, end, agent: phraseAgent(r, start, end - 1), coordinated: false };
}

/** "was announced by the Russian Defense Ministry", "said in a statement issued by the office of …". */
function agentAfterBy(r: Reading, k: number): Subject | null {
  const { tokens } = r;
  for (let i = k + 1; i < tokens.length && i - k <= 8; i++) {
    const t = tokens[i]!;
    if (t.pos === "PUNCT" && t.text !== "-") return null;
    if (t.lower !== "by") continue;
    let j = i + 1;
    if (tokens[j]?.pos === "DET") j++;
    const mention = r.startsAt.get(j);
    if (mention !== undefined) return { start: i + 1, end: r.mentions[mention]!.end, agent: mention, coordinated: false };
    return null;
  }
  return null;
}

const opensClause = (t: Token | undefined) =>
  t === undefined || t.text === "," || t.text === "”" || t.text === '"' || t.text === "’" || t.text === "–" || t.text === "—" || t.text === "-";

/** The predicates of one sentence, in order. */
export function readPredicates(tokens: readonly Token[], mentions: readonly Mention[]): Predicate[] {
  const r = index(tokens, mentions);
  const predicates: Predicate[] = [];
  // "Human Rights Watch": a word inside a name is no verb, whatever its tag.
  const named = new Set(mentions.flatMap((m) => Array.from({ length: m.end - m.start }, (_, i) => m.start + i)));
  tokens.forEach((t, k) => {
    if (named.has(k)) return;
    const stance = isStance(tokens, k);
    const mistagged = t.pos !== "VERB" && SPEECH_FORMS.has(t.lower) && (r.endsAt.has(k - 1) || opensClause(tokens[k - 1]));
    const verb = stance || t.pos === "VERB" || mistagged || isVerbLikeNoun(r, k);
    if (!verb) return;
    const before = tokens[k - 1];
    // "the detained protesters", "in quelling", "to discuss": a participle, gerund or infinitive no one does here.
    if (!stance && before && (before.pos === "DET" || before.lower === "to" || (before.pos === "ADP" && !vocabulary.speechVerbs.has(t.lemma)))) return;
    if (!stance && t.lower.endsWith("ing") && tokens[skipAdverbs(tokens, k - 1)]?.pos !== "AUX") return;
    const passive = !stance && isPassive(tokens, k);
    const subject = subjectBefore(r, k, predicates);
    let doer: Subject | null = passive ? agentAfterBy(r, k) : subject;
    let how: Predicate["how"] = passive ? "by" : subject?.coordinated ? "coordinated" : "subject";
    if (!passive && !subject && isVerbOfSpeech(t)) {
      const leftEdge = tokens[skipToSubject(tokens, k - 1)];
      doer = opensClause(leftEdge) ? speakerAfter(r, k) : null;
      how = "inverted";
      if (!doer) {
        doer = agentAfterBy(r, k);
        how = "by";
      }
    }
    predicates.push({
      verb: k,
      lemma: stance ? t.lower : mistagged ? SPEECH_FORMS.get(t.lower)! : t.lemma,
      stance,
      passive,
      agent: doer?.agent ?? null,
      agentStart: doer ? doer.start : -1,
      agentEnd: doer ? doer.end : -1,
      how: doer ? how : "none",
      patient: passive ? (subject?.agent ?? null) : null,
    });
  });
  return predicates;
}
