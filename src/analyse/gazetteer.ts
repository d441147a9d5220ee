import { PhraseIndex } from "./phrases.js";
import { vocabulary, type CountryEntry, type OrganisationEntry, type TitleEntry } from "./vocabulary.js";

/**
 * What the analysis knows by name: the world's countries (with demonyms and capitals), bodies
 * known by name, news media and titles from the vocabularies, plus the story's own places and
 * outlets. The general part is built once; a story adds its few phrases on top.
 */

export type GazetteerEntry =
  | { kind: "country"; country: CountryEntry; form: "name" | "demonym" | "capital" }
  | { kind: "organisation"; organisation: OrganisationEntry }
  | { kind: "media"; name: string }
  | { kind: "place"; name: string };

export interface OrganForm {
  kind: string;
  form: string;
}

export interface StoryFacts {
  /** The story's country as its file names it (a name or an ISO code), if any. */
  country: string | null;
  places: readonly string[];
  outlets: readonly string[];
}

const general = new PhraseIndex<GazetteerEntry>();
for (const country of vocabulary.countries) {
  for (const name of country.names) general.add(name, { kind: "country", country, form: "name" }, name.length <= 4 && name === name.toUpperCase());
  for (const demonym of country.demonyms) {
    general.add(demonym, { kind: "country", country, form: "demonym" }, demonym.length <= 4);
    // "Kazakhstanis", "Russians": the people of the country, never a person's name.
    if (/[^s]$/.test(demonym) && !/(?:ese|sh|ch)$/.test(demonym) && demonym.length > 4)
      general.add(`${demonym}s`, { kind: "country", country, form: "demonym" });
  }
  for (const capital of country.capitals) general.add(capital, { kind: "country", country, form: "capital" });
}
for (const organisation of vocabulary.organisations) {
  for (const form of [organisation.name, ...organisation.aliases]) {
    general.add(form, { kind: "organisation", organisation }, organisation.exactCase === true || (form.length <= 5 && form === form.toUpperCase()));
  }
}
for (const name of vocabulary.regions) general.add(name, { kind: "place", name });
for (const name of vocabulary.media) general.add(name, { kind: "media", name }, vocabulary.mediaExactCase.has(name));

const titles = new PhraseIndex<TitleEntry>();
for (const title of vocabulary.titles) titles.add(title.title, title);

const organs = new PhraseIndex<OrganForm>();
for (const organ of vocabulary.organs) for (const form of organ.forms) organs.add(form, { kind: organ.kind, form });

const countriesByCode = new Map(vocabulary.countries.map((c) => [c.code, c]));
const countriesByName = new Map(vocabulary.countries.flatMap((c) => c.names.map((n) => [n.toLowerCase(), c] as const)));
const organisationsByName = new Map(vocabulary.organisations.map((o) => [o.name, o]));

export function countryByCode(code: string): CountryEntry | null {
  return countriesByCode.get(code) ?? null;
}

export function organisationNamed(name: string): OrganisationEntry | null {
  return organisationsByName.get(name) ?? null;
}

/** The country a story file names, by ISO code or any of its names. */
export function countryNamed(name: string): CountryEntry | null {
  return countriesByCode.get(name.toUpperCase()) ?? countriesByName.get(name.toLowerCase()) ?? null;
}

export interface Gazetteer {
  home: CountryEntry | null;
  /** Known names: countries, bodies, media, the story's places and outlets (story entries first). */
  match(tokens: Parameters<PhraseIndex<GazetteerEntry>["match"]>[0], at: number): ReturnType<PhraseIndex<GazetteerEntry>["match"]>;
  title: PhraseIndex<TitleEntry>["match"];
  organ: PhraseIndex<OrganForm>["match"];
}

/** The gazetteer for one story; build it once per story and reuse it for every article. */
export function storyGazetteer(story: StoryFacts): Gazetteer {
  const own = new PhraseIndex<GazetteerEntry>();
  for (const name of story.places) own.add(name, { kind: "place", name });
  for (const name of story.outlets) own.add(name, { kind: "media", name });
  return {
    home: story.country ? countryNamed(story.country) : null,
    match(tokens, at) {
      const local = own.match(tokens, at);
      const known = general.match(tokens, at);
      if (local && known) return local.end >= known.end ? local : known;
      return local ?? known;
    },
    title: (tokens, at, accept) => titles.match(tokens, at, accept),
    organ: (tokens, at, accept) => organs.match(tokens, at, accept),
  };
}
