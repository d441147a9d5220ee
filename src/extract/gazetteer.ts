/**
 * General world knowledge the actor extractor leans on: countries with their demonyms and capitals,
 * international organisations with their aliases, titles people hold, and the media that articles
 * cite as sources. Nothing here is about one story.
 */

export interface Country {
  name: string;
  /** Adjective or short forms used before a title or institution ("German", "US"). The first reads best in a name. */
  demonyms: readonly string[];
  /** Other names for the country itself. */
  aliases: readonly string[];
  /** Capital used as a metonym for the government ("Berlin said"). */
  capital: string | null;
}

const COUNTRY_ROWS: readonly (readonly [name: string, demonyms: string, aliases: string, capital: string])[] = [
  ["Kazakhstan", "Kazakh|Kazakhstani", "Republic of Kazakhstan", "Astana"],
  ["Kyrgyzstan", "Kyrgyz", "", "Bishkek"],
  ["Uzbekistan", "Uzbek", "", "Tashkent"],
  ["Tajikistan", "Tajik", "", "Dushanbe"],
  ["Turkmenistan", "Turkmen", "", "Ashgabat"],
  ["Russia", "Russian", "Russian Federation", "Moscow"],
  ["Belarus", "Belarusian", "", "Minsk"],
  ["Ukraine", "Ukrainian", "", "Kyiv"],
  ["Armenia", "Armenian", "", "Yerevan"],
  ["Azerbaijan", "Azerbaijani", "", "Baku"],
  ["Georgia", "Georgian", "", "Tbilisi"],
  ["Mongolia", "Mongolian", "", "Ulaanbaatar"],
  ["China", "Chinese", "People's Republic of China|PRC", "Beijing"],
  ["Japan", "Japanese", "", "Tokyo"],
  ["South Korea", "South Korean", "Republic of Korea", "Seoul"],
  ["North Korea", "North Korean", "", "Pyongyang"],
  ["India", "Indian", "", "New Delhi"],
  ["Pakistan", "Pakistani", "", "Islamabad"],
  ["Afghanistan", "Afghan", "", "Kabul"],
  ["Iran", "Iranian", "", "Tehran"],
  ["Iraq", "Iraqi", "", ""],
  ["Syria", "Syrian", "", "Damascus"],
  ["Turkey", "Turkish", "Türkiye", "Ankara"],
  ["Israel", "Israeli", "", ""],
  ["Saudi Arabia", "Saudi", "", "Riyadh"],
  ["Qatar", "Qatari", "", "Doha"],
  ["United Arab Emirates", "Emirati", "UAE", "Abu Dhabi"],
  ["Egypt", "Egyptian", "", "Cairo"],
  ["Germany", "German", "Federal Republic of Germany", "Berlin"],
  ["France", "French", "", "Paris"],
  ["United Kingdom", "British|UK|U.K.", "Britain|Great Britain", "London"],
  ["Ireland", "Irish", "", "Dublin"],
  ["Italy", "Italian", "", "Rome"],
  ["Spain", "Spanish", "", "Madrid"],
  ["Portugal", "Portuguese", "", "Lisbon"],
  ["Netherlands", "Dutch", "the Netherlands|Holland", "The Hague"],
  ["Belgium", "Belgian", "", "Brussels"],
  ["Austria", "Austrian", "", "Vienna"],
  ["Switzerland", "Swiss", "", "Bern"],
  ["Poland", "Polish", "", "Warsaw"],
  ["Czech Republic", "Czech", "Czechia", "Prague"],
  ["Hungary", "Hungarian", "", "Budapest"],
  ["Romania", "Romanian", "", "Bucharest"],
  ["Bulgaria", "Bulgarian", "", "Sofia"],
  ["Greece", "Greek", "", "Athens"],
  ["Sweden", "Swedish", "", "Stockholm"],
  ["Norway", "Norwegian", "", "Oslo"],
  ["Finland", "Finnish", "", "Helsinki"],
  ["Denmark", "Danish", "", "Copenhagen"],
  ["Estonia", "Estonian", "", "Tallinn"],
  ["Latvia", "Latvian", "", "Riga"],
  ["Lithuania", "Lithuanian", "", "Vilnius"],
  ["United States", "US|U.S.|American", "USA|U.S.A.|United States of America|America", "Washington"],
  ["Canada", "Canadian", "", "Ottawa"],
  ["Mexico", "Mexican", "", "Mexico City"],
  ["Brazil", "Brazilian", "", "Brasilia"],
  ["Australia", "Australian", "", "Canberra"],
];

export const COUNTRIES: readonly Country[] = COUNTRY_ROWS.map(([name, demonyms, aliases, capital]) => ({
  name,
  demonyms: demonyms.split("|").filter(Boolean),
  aliases: aliases.split("|").filter(Boolean),
  capital: capital || null,
}));

export interface Organisation {
  /** The short name wire copy uses. */
  name: string;
  aliases: readonly string[];
  /** Words a text uses to refer back to it ("the alliance"). */
  anaphors: readonly string[];
  /** The country an organ belongs to (the Kremlin speaks for Russia); null for international bodies. */
  country: string | null;
  /** The body an institution is part of (the European Council is the EU's): whom its statements speak for. */
  parent: string | null;
}

const ORGANISATION_ROWS: readonly (readonly [name: string, aliases: string, anaphors: string, country: string, parent?: string])[] = [
  ["NATO", "North Atlantic Treaty Organization|North Atlantic Treaty Organisation|North Atlantic Alliance|Nato", "alliance", ""],
  ["EU", "European Union|E.U.", "bloc|union", ""],
  ["European Commission", "EU Commission", "commission", "", "EU"],
  ["European Parliament", "", "", "", "EU"],
  ["European Council", "", "", "", "EU"],
  ["UN", "United Nations|U.N.", "", ""],
  ["UN Security Council", "United Nations Security Council", "", "", "UN"],
  ["UN Human Rights Office", "OHCHR|UN human rights office", "", "", "UN"],
  ["CSTO", "Collective Security Treaty Organization|Collective Security Treaty Organisation", "alliance|bloc", ""],
  ["OSCE", "Organization for Security and Co-operation in Europe|Organization for Security and Cooperation in Europe", "", ""],
  ["SCO", "Shanghai Cooperation Organisation|Shanghai Cooperation Organization", "bloc", ""],
  ["Eurasian Economic Union", "EAEU|EEU", "bloc", ""],
  ["Commonwealth of Independent States", "CIS", "", ""],
  ["G7", "Group of Seven", "", ""],
  ["IMF", "International Monetary Fund", "fund", ""],
  ["World Bank", "", "bank", ""],
  ["Red Cross", "International Committee of the Red Cross|ICRC", "", ""],
  ["Amnesty International", "Amnesty", "", ""],
  ["Human Rights Watch", "HRW", "", ""],
  ["Kremlin", "", "", "Russia"],
  ["White House", "", "", "United States"],
  ["Pentagon", "", "", "United States"],
  ["US State Department", "State Department|U.S. State Department|Department of State", "department", "United States"],
];

export const ORGANISATIONS: readonly Organisation[] = ORGANISATION_ROWS.map(([name, aliases, anaphors, country, parent]) => ({
  name,
  aliases: aliases.split("|").filter(Boolean),
  anaphors: anaphors.split("|").filter(Boolean),
  country: country || null,
  parent: parent ?? null,
}));

/**
 * Titles a person holds, lowercase. A qualifier before them ("German", "NATO") says whom the holder
 * serves. Longer titles are matched before their prefixes.
 */
export const PERSON_TITLES: readonly string[] = [
  "president", "vice president", "vice-president", "prime minister", "premier", "chancellor", "vice chancellor",
  "foreign minister", "defence minister", "defense minister", "interior minister", "finance minister",
  "economy minister", "energy minister", "justice minister", "health minister", "minister",
  "minister of foreign affairs", "minister of defence", "minister of defense", "minister of the interior",
  "secretary of state", "secretary general", "secretary-general", "deputy secretary of state",
  "spokesman", "spokeswoman", "spokesperson", "press secretary", "ambassador", "envoy", "special envoy",
  "foreign policy chief", "top diplomat", "chief", "head", "high representative", "human rights chief", "high commissioner",
  "king", "queen", "emir", "sultan", "head of state", "head of government", "leader", "opposition leader",
  "mayor", "governor", "general", "commander", "chief of staff", "army chief", "police chief",
  "senator", "congressman", "congresswoman", "lawmaker", "pope", "patriarch", "chairman", "chairwoman",
  "speaker", "researcher", "director", "counterpart",
];

/** Titles that say only how the holder stands to someone else ("his Kazakh counterpart"): a name must go with them. */
export const RELATIONAL_TITLES: ReadonlySet<string> = new Set(["counterpart"]);

/** Words before a title that change its holder's standing ("ex-prime minister", "acting president"). */
export const TITLE_PREFIXES: readonly string[] = ["ex-", "former", "acting", "interim", "deputy", "then-", "outgoing", "incoming", "federal", "senior"];

/**
 * Titles that by themselves point to one country in international reporting; used only when the
 * text names no country for the holder. The first country is assumed unless another listed one
 * is the story's home.
 */
export const TITLE_COUNTRIES: ReadonlyMap<string, readonly string[]> = new Map([
  ["chancellor", ["Germany", "Austria"]],
  ["secretary of state", ["United States"]],
  ["deputy secretary of state", ["United States"]],
  ["press secretary", ["United States"]],
]);

/** Titles of international office: never assumed to belong to the home country. */
export const INTERNATIONAL_TITLES: ReadonlySet<string> = new Set([
  "secretary general", "secretary-general", "high representative", "foreign policy chief", "top diplomat", "high commissioner",
  "human rights chief", "special envoy", "envoy", "pope", "counterpart",
]);

/** Titles that mark the press rather than a newsmaker. */
export const PRESS_TITLES: ReadonlySet<string> = new Set([
  "correspondent", "reporter", "journalist", "editor", "commentator", "columnist", "anchor", "presenter",
]);

/** Government organs a country qualifier turns into an actor ("German government", "Russian Foreign Ministry"). */
export const GOVERNMENT_ORGANS: readonly string[] = [
  "government", "federal government", "foreign ministry", "foreign office", "ministry of foreign affairs",
  "defence ministry", "defense ministry", "ministry of defence", "ministry of defense", "interior ministry",
  "state department", "embassy", "parliament", "cabinet", "administration", "military", "armed forces",
];

/**
 * Media cited as sources. They report facts, they are not actors in them; lowercase, matched as
 * whole phrases.
 */
export const MEDIA: readonly string[] = [
  "reuters", "ap", "associated press", "afp", "agence france-presse", "dpa", "bloomberg", "interfax", "tass",
  "ria novosti", "ria", "sputnik", "xinhua", "kazinform", "tengrinews", "akipress", "khabar", "eurasianet",
  "azattyq", "radio free europe", "rfe/rl", "bbc", "cnn", "ard", "zdf", "tagesschau", "deutsche welle", "dw",
  "al jazeera", "euronews", "new york times", "washington post", "wall street journal", "financial times",
  "guardian", "spiegel", "der spiegel", "kommersant", "vedomosti", "twitter", "telegram", "facebook", "instagram",
];

/** Words naming a medium or institution: a capitalised run containing one is not a person. */
export const INSTITUTION_WORDS: ReadonlySet<string> = new Set([
  "agency", "news", "times", "post", "journal", "herald", "gazette", "tribune", "telegraph", "press", "radio",
  "television", "tv", "portal", "channel", "ministry", "department", "office", "council", "committee", "court",
  "parliament", "party", "bank", "fund", "company", "corporation", "university", "institute", "organisation",
  "organization", "union", "service", "forces", "army", "police", "guard", "republic", "federation", "airport",
  "square", "street", "avenue", "city", "region", "province", "district", "church", "mosque", "school", "hospital",
]);

/** Capitalised words that begin sentences or headlines but never names. */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this",
  "that", "these", "those", "there", "here", "in", "on", "at", "of", "for", "with", "by", "from", "to", "and",
  "or", "but", "as", "after", "before", "since", "during", "under", "over", "according", "because", "while",
  "when", "where", "why", "what", "who", "how", "if", "although", "also", "even", "most", "many", "some", "all",
  "other", "others", "last", "next", "first", "new", "one", "two", "monday", "tuesday", "wednesday", "thursday",
  "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december", "security", "eyewitnesses", "witnesses", "foreigners",
  "details", "state", "international", "apparently", "riots", "protesters", "demonstrators", "police",
  "officials", "authorities", "residents", "internet", "government", "opposition", "update", "live", "breaking",
  "video", "photo", "source", "sources", "avatar", "comment", "comments", "reply", "share", "read", "more",
  "mr", "mrs", "ms", "dr", "sir", "lady", "lord", "soviet", "western", "eastern", "northern", "southern",
  "islamic", "muslim", "christian", "orthodox", "god",
  // Regions are places, never people ("a senior Central Asia researcher", "the Central Asian nation").
  "central", "asia", "asian", "europe", "eurasia", "eurasian", "caucasus", "africa", "african", "pacific",
]);

/** Generic titles ("UN chief") that name an organisation's head, whatever the office is called. */
export const HEAD_TITLES: ReadonlySet<string> = new Set(["chief", "head", "leader"]);

/** Offices that head their organisation or country: the holder is who "the UN chief" means. */
export const TOP_OFFICES: ReadonlySet<string> = new Set([
  "president", "secretary general", "secretary-general", "chairman", "chairwoman", "prime minister", "chancellor",
]);
