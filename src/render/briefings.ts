import type {
  ActorView,
  AnswerView,
  CasualtiesView,
  Development,
  FigureView,
  HeadlineFigure,
  HelpView,
  ReactionsView,
  SourceRef,
  SourcedSentence,
  SummaryView,
  TimelineView,
  VideosView,
} from "../briefing/views.js";
import type { FigureCategory } from "../extract/facts.js";
import { escapeArticleText, safeUrl } from "./escape.js";
import { attribution, figurePhrase, plainWhen, sourceLink, when } from "./format.js";
import { heading, listPages, numberPages, type Page } from "./page.js";

const CATEGORY_LABEL: Record<FigureCategory, string> = {
  killed: "Killed",
  injured: "Injured",
  arrested: "Arrested",
  detained: "Detained",
  missing: "Missing",
  other: "Claims and other figures",
};

const HISTORY_STEPS = 3;

const footerFor = (slug: string, asOf: string | null) => [`/${slug}`, asOf ? `as of ${plainWhen(asOf)}` : null].filter(Boolean).join(" · ");

/**
 * Every line names its source, unless all lines share one: then it is named once, under the list,
 * instead of repeated on every line.
 */
function citations(sources: readonly SourceRef[]) {
  const distinct = new Map(sources.map((s) => [`${s.title}|${s.url ?? ""}`, s]));
  const single = distinct.size === 1 ? [...distinct.values()][0]! : null;
  return {
    line: (source: SourceRef) => (single ? "" : ` — ${sourceLink(source)}`),
    fields: single ? [{ name: "Source", value: sourceLink(single) }] : [],
  };
}

function figureLine(f: FigureView): string {
  return `${figurePhrase(f)}${attribution({ by: f.attributedTo ?? f.source.outlet, at: f.asOf, unverified: f.unverified })}`;
}

/** "(the prosecutor's office, 15 Jan 2022)": who reported an earlier count, and when. */
const reportedBy = (f: FigureView) => attribution({ by: f.attributedTo ?? f.source.outlet, at: f.asOf, unverified: f.unverified });

/**
 * "310 killed (according to the prosecutor's office, 15 Jan), up from 190 (…) and 40 (…)": the
 * headline report, then the counts it replaced, oldest first; rival counts of the same time follow
 * side by side, each with its own source.
 */
export function headlineLine(h: HeadlineFigure): string {
  const steps = h.trajectory.slice(-HISTORY_STEPS);
  const last = steps.at(-1);
  const direction = last && last.count > h.latest.count ? "revised from" : "up from";
  const history = steps.length ? `, ${direction} ${steps.map((f) => `${figurePhrase({ ...f, who: null, unit: null })}${reportedBy(f)}`).join(" and ")}` : "";
  const rivals = h.disagreeing.map((f) => ` ↔ ${figurePhrase({ ...f, who: null, unit: null })}${reportedBy(f)}`).join("");
  return `${figureLine({ ...h.latest, who: h.latest.who ?? h.population })}${history}${rivals}`;
}

function sentenceLine(s: SourcedSentence, cite: (source: SourceRef) => string): string {
  return `• ${escapeArticleText(s.text)}${attribution({ at: s.at, unverified: s.unverified })}${cite(s.source)}`;
}

const sourceCount = (d: Development) => (d.sources > 1 ? ` (${d.sources} sources)` : "");

function developmentLine(d: Development, cite: (source: SourceRef) => string): string {
  return `${sentenceLine(d, cite)}${sourceCount(d)}`;
}

export function renderSummary(view: SummaryView): Page[] {
  const figures = view.figures.length
    ? view.figures.map((f) => `**${CATEGORY_LABEL[f.category]}:** ${[headlineLine(f), ...f.alongside.map((a) => figureLine(a.latest))].join(" · ")}`).join("\n")
    : "No casualty or arrest figures reported yet.";
  const cite = citations([...(view.latest ? [view.latest] : []), ...view.points].map((q) => q.source));
  const latest = view.latest ? [`**Latest:** ${developmentLine(view.latest, cite.line).slice(2)}`] : [];
  const known = view.points.length ? [heading("**What we know**"), ...view.points.map((p) => developmentLine(p, cite.line))] : [];
  return numberPages(
    listPages({
      title: escapeArticleText(view.headline),
      url: safeUrl(view.latest?.source.url ?? view.sources[0]?.url),
      lines: [...latest, ...known],
      fields: [
        { name: "Latest figures", value: figures },
        { name: "Sources", value: view.sources.map(sourceLink).join("\n") || "none" },
      ],
      footer: footerFor(view.story.slug, view.asOf),
      timestamp: view.asOf,
      emptyText: "No developments in the store yet.",
    }),
  );
}

/** " — was 26 demonstrators (…)": the steps before a figure, oldest first, the oldest counted. */
function wasLine(earlier: readonly FigureView[], older = 0, uncounted = false): string {
  const shown = earlier.slice(-HISTORY_STEPS);
  const before = older + earlier.length - shown.length;
  const steps = shown.map((e) => `${figurePhrase(e)}${attribution({ by: e.attributedTo, at: e.asOf })}`).join(" → ");
  const counted = before || uncounted ? `(${before}${uncounted ? "+" : ""} earlier) → ` : "";
  return shown.length ? ` — was ${counted}${steps}` : "";
}

/** A category with a headline: the headline with its history and rivals, its parts under it, other populations beside it. */
function headlineLines(h: HeadlineFigure, cite: (source: SourceRef) => string): string[] {
  return [
    `• ${headlineLine(h)}${cite(h.latest.source)}`,
    ...h.parts.map((p) => `  ◦ of them: ${figureLine(p.latest)}${wasLine(p.earlier)}`),
    ...h.alongside.map((p) => `• ${figureLine(p.latest)}${wasLine(p.earlier)}${cite(p.latest.source)}`),
  ];
}

export function renderCasualties(view: CasualtiesView): Page[] {
  const cite = citations(view.groups.flatMap((g) => g.series.map((s) => s.latest.source)));
  const lines = view.groups.flatMap((group) => [
    heading(`**${CATEGORY_LABEL[group.category]}**`),
    ...(group.headline ? headlineLines(group.headline, cite.line) : []),
    // Claims and other figures have no headline: each series with the steps that led to it.
    ...(group.headline ? [] : group.series).map(
      (s) => `• ${figureLine(s.latest)}${wasLine(s.earlier, s.older, s.olderUncounted)}${cite.line(s.latest.source)}`,
    ),
  ]);
  return numberPages(
    listPages({
      title: `${view.story.title}: casualties and arrests`,
      lines,
      fields: cite.fields,
      footer: `${footerFor(view.story.slug, null)} · every figure is as reported by the named source`,
      emptyText: "No figures reported yet.",
    }),
  );
}

export function renderReactions(view: ReactionsView): Page[] {
  const cite = citations(view.groups.flatMap((g) => g.reactions.map((r) => r.source)));
  const lines = view.groups.flatMap((group) => [
    heading(`**${escapeArticleText(group.countryOrOrg)}**`),
    ...group.reactions.map(
      (r) =>
        `• ${escapeArticleText(r.actor)} ${escapeArticleText(r.gist)}${r.quote ? `: “${escapeArticleText(r.quote)}”` : ""}${attribution({ at: r.at })}${cite.line(r.source)}${r.sources > 1 ? ` (${r.sources} sources)` : ""}`,
    ),
  ]);
  return numberPages(
    listPages({
      title: view.actor ? `${view.story.title}: reactions of ${view.actor}` : `${view.story.title}: international reactions`,
      lines,
      fields: cite.fields,
      footer: footerFor(view.story.slug, null),
      emptyText: view.actor ? `No reaction from ${escapeArticleText(view.actor)} in the store.` : "No international reactions reported yet.",
    }),
  );
}

export function renderVideos(view: VideosView): Page[] {
  const lines = view.videos.map((v) => {
    const credit = [v.reporter, v.outlet, v.programme]
      .filter(Boolean)
      .map((p) => escapeArticleText(p ?? ""))
      .join(", ");
    const aired = when(v.airedAt);
    const link = v.url ? ` — [${v.urlIsArticle ? "in the article" : "watch"}](${v.url})` : "";
    return `• **${escapeArticleText(v.title)}**${credit ? ` — ${credit}` : ""}${aired ? `, aired ${aired}` : ""}${link}`;
  });
  return numberPages(
    listPages({
      title: `${view.story.title}: videos`,
      lines,
      footer: footerFor(view.story.slug, null),
      emptyText: "No videos in the store yet.",
    }),
  );
}

export function renderActor(view: ActorView): Page[] {
  const actor = view.actor;
  if (!actor) {
    return listPages({
      title: `${view.story.title}: who is “${escapeArticleText(view.query)}”?`,
      lines: [],
      footer: footerFor(view.story.slug, null),
      emptyText: `Nobody called “${escapeArticleText(view.query)}” appears in the store. Try the autocomplete suggestions.`,
    });
  }
  const cite = citations(actor.mentions.map((m) => m.source));
  return numberPages(
    listPages({
      title: `${escapeArticleText(actor.name)}${actor.lead ? ` — ${escapeArticleText(actor.lead)}` : ""}`,
      lines: [
        ...(actor.lead ? [`**Who:** ${escapeArticleText(actor.name)}, ${escapeArticleText(actor.lead)}`] : []),
        ...actor.mentions.map((m) => developmentLine(m, cite.line)),
      ],
      fields: [...(actor.aliases.length ? [{ name: "Also called", value: actor.aliases.map(escapeArticleText).join(", ") }] : []), ...cite.fields],
      footer: `${footerFor(view.story.slug, null)} · mentioned in ${actor.articles} article${actor.articles === 1 ? "" : "s"}`,
      emptyText: "The store names this actor but says nothing more about them.",
    }),
  );
}

export function renderAnswer(view: AnswerView): Page[] {
  const cite = citations(view.answers.map((a) => a.source));
  return numberPages(
    listPages({
      title: fitQuestion(view.question),
      lines: view.answers.map((a) => sentenceLine(a, cite.line)),
      fields: cite.fields,
      footer: `${footerFor(view.story.slug, null)} · answers are sentences quoted from the sources`,
      emptyText: "The store has no answer to that question. Try /" + view.story.slug + " summary or ask about a person or figure.",
    }),
  );
}

const fitQuestion = (q: string) => escapeArticleText(q.length > 200 ? `${q.slice(0, 199)}…` : q);

export function renderTimeline(view: TimelineView): Page[] {
  const cite = citations(view.events.map((e) => e.source));
  return numberPages(
    listPages({
      title: `${view.story.title}: timeline`,
      lines: view.events.map(
        (e) =>
          `**${when(e.at)}** ${escapeArticleText(e.text)}${e.unverified ? " (unverified)" : ""}${cite.line(e.source)}${e.sources > 1 ? ` (${e.sources} sources)` : ""}`,
      ),
      fields: cite.fields,
      footer: footerFor(view.story.slug, null),
      emptyText: "No dated developments in the store yet.",
    }),
  );
}

export function renderHelp(view: HelpView): Page[] {
  const lines = view.stories.flatMap(({ story, articles, latestAsOf, failingSources }) => [
    `**/${story.slug}** — ${escapeArticleText(story.title)}: ${articles} article${articles === 1 ? "" : "s"}${latestAsOf ? `, latest as of ${when(latestAsOf)}` : ""}`,
    `  \`summary\` · \`casualties\` · \`reactions [actor]\` · \`videos\` · \`actor name\` · \`ask question\` · \`timeline\``,
    ...failingSources.map((s) => `  ⚠ source failing: ${escapeArticleText(s)}`),
  ]);
  return listPages({
    title: "News briefings",
    lines: [
      "Briefings on developing stories, drawn from parsed articles. Every figure and statement names its source and time; claims the sources could not verify are marked unverified.",
      "",
      ...lines,
      "",
      "Server admins: `/subscribe` a channel to get new developments posted there, `/subscriptions` to see them.",
    ],
    footer: `news-briefing-bot · ${view.shardCount} shard${view.shardCount === 1 ? "" : "s"}`,
    emptyText: "",
  });
}
