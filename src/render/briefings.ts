import type {
  ActorView,
  AnswerView,
  CasualtiesView,
  FigureView,
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

const footerFor = (slug: string, asOf: string | null) =>
  [`/${slug}`, asOf ? `as of ${plainWhen(asOf)}` : null].filter(Boolean).join(" · ");

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
  return `${figurePhrase(f)}${attribution({ by: f.attributedTo, at: f.asOf, unverified: f.unverified })}`;
}

function sentenceLine(s: SourcedSentence, cite: (source: SourceRef) => string): string {
  return `• ${escapeArticleText(s.text)}${attribution({ at: s.at, unverified: s.unverified })}${cite(s.source)}`;
}

export function renderSummary(view: SummaryView): Page[] {
  const figures = view.figures.length
    ? view.figures.map((f) => `**${CATEGORY_LABEL[f.category]}:** ${figureLine(f)}`).join("\n")
    : "No casualty or arrest figures reported yet.";
  return numberPages(
    listPages({
      title: escapeArticleText(view.headline),
      url: safeUrl(view.sources[0]?.url),
      lines: view.points.map((p) => sentenceLine(p, citations(view.points.map((q) => q.source)).line)),
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

export function renderCasualties(view: CasualtiesView): Page[] {
  const cite = citations(view.groups.flatMap((g) => g.series.map((s) => s.latest.source)));
  const lines = view.groups.flatMap((group) => [
    heading(`**${CATEGORY_LABEL[group.category]}**`),
    ...group.series.map((s) => {
      // The steps just before the latest tell how it changed; older ones are counted, not listed.
      const shown = s.earlier.slice(-HISTORY_STEPS);
      const older = s.older + s.earlier.length - shown.length;
      const steps = shown.map((e) => `${figurePhrase(e)}${attribution({ by: e.attributedTo, at: e.asOf })}`).join(" → ");
      const earlier = older || s.olderUncounted ? `(${older}${s.olderUncounted ? "+" : ""} earlier) → ` : "";
      const history = shown.length ? ` — was ${earlier}${steps}` : "";
      return `• ${figureLine(s.latest)}${history}${cite.line(s.latest.source)}`;
    }),
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
        `• ${escapeArticleText(r.actor)} ${escapeArticleText(r.gist)}${r.quote ? `: “${escapeArticleText(r.quote)}”` : ""}${attribution({ at: r.at })}${cite.line(r.source)}`,
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
    const credit = [v.reporter, v.outlet, v.programme].filter(Boolean).map((p) => escapeArticleText(p ?? "")).join(", ");
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
  const who = [actor.role, actor.affiliation].filter(Boolean).map((p) => escapeArticleText(p ?? "")).join(", ");
  return numberPages(
    listPages({
      title: `${escapeArticleText(actor.name)}${who ? ` — ${who}` : ""}`,
      lines: actor.mentions.map((m) => sentenceLine(m, cite.line)),
      fields: [
        ...(actor.aliases.length ? [{ name: "Also called", value: actor.aliases.map(escapeArticleText).join(", ") }] : []),
        ...cite.fields,
      ],
      footer: footerFor(view.story.slug, null),
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
        // An article's own entry is its title: naming it again as the source would say it twice.
        (e) => `**${when(e.at)}** ${escapeArticleText(e.text)}${e.unverified ? " (unverified)" : ""}${e.text === e.source.title ? "" : cite.line(e.source)}`,
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
