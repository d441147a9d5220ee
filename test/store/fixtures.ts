import { Article } from "../../src/ingest/article.js";
import { contentHash } from "../../src/ingest/identity.js";
import { Extraction, type Sentence } from "../../src/extract/facts.js";
import { termsOfText } from "../../src/analyse/terms.js";

/**
 * Small articles written for these tests (not copied from any outlet) and the extraction an
 * extractor would produce from them, each valid per the shared schemas.
 */
interface Draft {
  id: string;
  title: string;
  asOf: string | null;
  url: string | null;
  outlet: string | null;
  paragraphs: string[];
}

export function article(draft: Draft): Article {
  const blocks = draft.paragraphs.map((text) => ({ type: "paragraph" as const, text }));
  const content = { title: draft.title, asOf: draft.asOf, url: draft.url, outlet: draft.outlet, blocks, comments: [] };
  return Article.parse({ ...content, id: draft.id, contentHash: contentHash(content), language: "en", origin: `test:${draft.id}` });
}

/** One sentence per paragraph, at the article's time, so sentence i is paragraph i; with its search terms, as extraction gives them. */
export function sentencesOf(a: Article, unverified: number[] = []): Sentence[] {
  return a.blocks.map((block, index) => {
    const text = block.type === "video" ? block.title : block.text;
    return { index, block: index, text, at: a.asOf, unverified: unverified.includes(index), terms: termsOfText(text).join(" ") };
  });
}

const tokayev = (mentions: number[]) => ({
  id: "kassym-jomart-tokayev",
  name: "Kassym-Jomart Tokayev",
  aliases: ["Tokayev"],
  role: "President",
  kind: "person" as const,
  affiliation: "Kazakhstan",
  mentions,
});

const kremlinReaction = (sentenceIndex: number, sentence: string) => ({
  actor: "Dmitry Peskov",
  countryOrOrg: "Russia",
  gist: "says the CSTO troops will stay only for a limited time",
  quote: null,
  at: null,
  sentence,
  sentenceIndex,
});

const liveId = "live-almaty";
const liveUrl = "https://news.example.org/live/almaty-unrest";

/** A live page as first published: 26 dead. */
export const liveV1 = article({
  id: liveId,
  title: "Live: unrest in Almaty",
  asOf: "2022-01-07T08:00:00+01:00",
  url: liveUrl,
  outlet: "Example News",
  paragraphs: [
    "Officials said 26 people had been killed in clashes in Almaty.",
    "President Tokayev declared a state of emergency across the whole country.",
    "A Kremlin spokesman, Dmitry Peskov, said the CSTO troops would stay only for a limited time.",
  ],
});

export const liveV1Facts: Extraction = Extraction.parse({
  sentences: sentencesOf(liveV1),
  figures: [
    {
      category: "killed",
      count: 26,
      qualifier: "exact",
      who: "people",
      unit: null,
      attributedTo: "Officials",
      asOf: null,
      unverified: false,
      sentence: "Officials said 26 people had been killed in clashes in Almaty.",
      sentenceIndex: 0,
    },
  ],
  actors: [tokayev([1])],
  reactions: [kremlinReaction(2, "A Kremlin spokesman, Dmitry Peskov, said the CSTO troops would stay only for a limited time.")],
  videos: [
    {
      title: "Armoured vehicles on Republic Square",
      reporter: "A. Reporter",
      outlet: "Example TV",
      programme: "Evening news",
      airedAt: "2022-01-06T20:00:00+01:00",
      url: null,
    },
  ],
  summary: [
    { text: "Officials said 26 people had been killed in clashes in Almaty.", sentenceIndex: 0, score: 0.9 },
    { text: "President Tokayev declared a state of emergency across the whole country.", sentenceIndex: 1, score: 0.6 },
  ],
  timeline: [{ at: "2022-01-05T22:00:00+06:00", text: "State of emergency declared nationwide", sentenceIndex: 1 }],
});

/** The same live page two days later: the toll is 164 and Germany has reacted. */
export const liveV2 = article({
  id: liveId,
  title: "Live: unrest in Almaty",
  asOf: "2022-01-09T10:00:00+01:00",
  url: liveUrl,
  outlet: "Example News",
  paragraphs: [
    "The health ministry now says 164 people have been killed across the country.",
    "President Tokayev declared a state of emergency across the whole country.",
    "A Kremlin spokesman, Dmitry Peskov, said the CSTO troops would stay only for a limited time.",
    "Chancellor Olaf Scholz urged all sides to refrain from violence.",
  ],
});

export const liveV2Facts: Extraction = Extraction.parse({
  sentences: sentencesOf(liveV2),
  figures: [
    {
      category: "killed",
      count: 164,
      qualifier: "exact",
      who: "People",
      unit: null,
      attributedTo: "health ministry",
      asOf: null,
      unverified: false,
      sentence: "The health ministry now says 164 people have been killed across the country.",
      sentenceIndex: 0,
    },
  ],
  actors: [
    tokayev([1]),
    {
      id: "olaf-scholz",
      name: "Olaf Scholz",
      aliases: ["Scholz", "the chancellor"],
      role: "Chancellor",
      kind: "person",
      affiliation: "Germany",
      mentions: [3],
    },
  ],
  reactions: [
    kremlinReaction(2, "A Kremlin spokesman, Dmitry Peskov, said the CSTO troops would stay only for a limited time."),
    {
      actor: "Olaf Scholz",
      countryOrOrg: "Germany",
      gist: "urged all sides to refrain from violence",
      quote: null,
      at: null,
      sentence: "Chancellor Olaf Scholz urged all sides to refrain from violence.",
      sentenceIndex: 3,
    },
  ],
  videos: liveV1Facts.videos,
  summary: [
    { text: "The health ministry now says 164 people have been killed across the country.", sentenceIndex: 0, score: 0.95 },
    { text: "President Tokayev declared a state of emergency across the whole country.", sentenceIndex: 1, score: 0.5 },
  ],
  timeline: liveV1Facts.timeline,
});

/** A wire report from another outlet, a day after the live page's last version. */
export const wire = article({
  id: "wire-0110",
  title: "Kazakhstan says order restored, thousands held",
  asOf: "2022-01-10T12:00:00Z",
  url: "https://wire.example.com/kazakhstan-order-restored",
  outlet: "Example Wire",
  paragraphs: [
    "Almost 8,000 people were detained during the unrest, the interior ministry said on Monday.",
    "The Kazakh president, Kassym-Jomart Tokaev, told parliament that constitutional order had been restored.",
    "Prosecutors later raised the death toll to 225, up from 164 announced on Sunday.",
  ],
});

export const wireFacts: Extraction = Extraction.parse({
  sentences: sentencesOf(wire),
  figures: [
    {
      category: "detained",
      count: 8000,
      qualifier: "almost",
      who: "people",
      unit: null,
      attributedTo: "interior ministry",
      asOf: null,
      unverified: false,
      sentence: "Almost 8,000 people were detained during the unrest, the interior ministry said on Monday.",
      sentenceIndex: 0,
    },
    {
      category: "killed",
      count: 225,
      qualifier: "exact",
      who: "the people",
      unit: null,
      attributedTo: "Prosecutors",
      asOf: null,
      unverified: false,
      sentence: "Prosecutors later raised the death toll to 225, up from 164 announced on Sunday.",
      sentenceIndex: 2,
    },
    {
      category: "killed",
      count: 164,
      qualifier: "exact",
      who: "people",
      unit: null,
      attributedTo: null,
      asOf: "2022-01-09T12:00:00+06:00",
      unverified: false,
      sentence: "Prosecutors later raised the death toll to 225, up from 164 announced on Sunday.",
      sentenceIndex: 2,
    },
  ],
  actors: [
    {
      id: "kassym-jomart-tokayev",
      name: "Kassym-Jomart Tokayev",
      aliases: ["Tokaev", "Kazakh president"],
      role: null,
      kind: "person",
      affiliation: "Kazakhstan",
      mentions: [1, 1],
    },
  ],
  reactions: [],
  videos: [],
  summary: [
    { text: "Prosecutors later raised the death toll to 225, up from 164 announced on Sunday.", sentenceIndex: 2, score: 0.8 },
    { text: "Almost 8,000 people were detained during the unrest, the interior ministry said on Monday.", sentenceIndex: 0, score: 0.9 },
  ],
  timeline: [{ at: "2022-01-10T09:00:00+06:00", text: "Tokayev tells parliament order is restored", sentenceIndex: 1 }],
});
