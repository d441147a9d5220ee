import type { APIEmbed } from "discord.js";
import type { StoryRef } from "../briefing/views.js";
import type { FigureCategory } from "../extract/facts.js";
import type { SubscriptionFilter, Update } from "../store/index.js";
import { escapeArticleText, safeUrl } from "./escape.js";
import { attribution, figurePhrase, plainWhen } from "./format.js";
import { fit, pageLines } from "./fit.js";
import { Limits } from "./limits.js";
import { withImage, type MessageFile } from "./files.js";
import { EMBED_COLOR } from "./page.js";

/** A channel post: a short line naming the story and one embed per development. */
export interface UpdateMessage {
  content: string;
  embeds: APIEmbed[];
  /** How many of the updates (those with something to show, in order) have their own embed. */
  shown: number;
  /** Uploaded with the post: the chart the embed of the update it belongs to shows. */
  files?: MessageFile[];
}

/** A picture that belongs with the updates it `shows` (the casualty chart with a changed headline figure). */
export interface UpdatePicture {
  file: MessageFile;
  shows(update: Update): boolean;
}

const CASUALTY_CATEGORIES: ReadonlySet<FigureCategory> = new Set(["killed", "injured", "arrested", "detained", "missing"]);
/** The subscriptions whose posts show figures, and so their chart. */
const FIGURE_FILTERS: ReadonlySet<SubscriptionFilter> = new Set(["all", "casualties"]);
/** Room kept in the 6,000-character total for the "and N more" note. */
const NOTE_ROOM = 200;
/** Below this an embed would say too little to be worth posting; the rest goes into the note. */
const MIN_EMBED_ROOM = 400;

/**
 * "**Killed:** 310 people (according to the prosecutor's office, …), up from 190 (health ministry, …)":
 * a changed headline figure with where it came from; another source's different count of the same
 * time is a disagreement beside the count it disputes, never a new toll.
 */
function figureLines(update: Update, only: SubscriptionFilter): string[] {
  return update.figures
    .filter(({ figure }) => only === "all" || CASUALTY_CATEGORIES.has(figure.category))
    .map(({ figure, previous, disagrees }) => {
      const label = figure.category === "other" ? "Figure" : `${figure.category[0]?.toUpperCase()}${figure.category.slice(1)}`;
      const now = `${figurePhrase(figure)}${attribution({ by: figure.attributedTo ?? update.articleOutlet, at: figure.asOf, unverified: figure.unverified })}`;
      if (!previous) return `**${label}:** ${now}`;
      const before = `${previous.count.toLocaleString("en")}${attribution({ by: previous.source, at: previous.asOf })}`;
      if (disagrees) return `**${label}, disputed:** ${now}, where ${before.trim()} was reported`;
      return `**${label}:** ${now}, ${previous.count > figure.count ? "revised from" : "up from"} ${before}`;
    });
}

function reactionLines(update: Update): string[] {
  return update.reactions.map(
    (r) =>
      `• **${escapeArticleText(r.actor)}** (${escapeArticleText(r.countryOrOrg)}) ${escapeArticleText(r.gist)}${r.quote ? `: “${escapeArticleText(r.quote)}”` : ""}${attribution({ at: r.at })}`,
  );
}

function videoLines(update: Update): string[] {
  return update.videos.map((v) => {
    const credit = [v.reporter, v.outlet, v.programme]
      .filter((p): p is string => Boolean(p))
      .map(escapeArticleText)
      .join(", ");
    const url = safeUrl(v.url);
    return `▶ **${escapeArticleText(v.title)}**${credit ? ` — ${credit}` : ""}${url ? ` — [watch](${url})` : ""}`;
  });
}

function actorLines(update: Update): string[] {
  return update.actors.map((a) => {
    const role = [a.role, a.affiliation]
      .filter((p): p is string => Boolean(p))
      .map(escapeArticleText)
      .join(", ");
    return `• New in the story: **${escapeArticleText(a.name)}**${role ? ` (${role})` : ""}`;
  });
}

/** What of an update a subscription with this filter gets; empty when nothing matches. */
export function updateLines(update: Update, only: SubscriptionFilter): string[] {
  switch (only) {
    case "casualties":
      return figureLines(update, only);
    case "reactions":
      return reactionLines(update);
    case "videos":
      return videoLines(update);
    case "all": {
      const lines = [
        ...update.headlines.map((h) => `• ${escapeArticleText(h.text)}`),
        ...figureLines(update, only),
        ...reactionLines(update),
        ...actorLines(update),
        ...videoLines(update),
      ];
      // A new article is a development even when no fact in it is new: its headline and link still go out.
      return lines.length || update.status === "updated"
        ? lines
        : [`• New report${update.articleOutlet ? ` from ${escapeArticleText(update.articleOutlet)}` : ""}.`];
    }
  }
}

function embedFor(update: Update, lines: readonly string[], story: StoryRef, room: number): APIEmbed {
  const title = fit(escapeArticleText(update.articleTitle), Limits.embedTitle);
  const source = update.articleOutlet ? `${update.articleOutlet} · ` : "";
  const footer = fit(`${source}/${story.slug} · update ${update.id}${update.status === "updated" ? " · article updated" : ""}`, 200);
  const descriptionRoom = Math.min(Limits.embedDescription, room - title.length - footer.length);
  const [description = ""] = pageLines(lines, descriptionRoom);
  const shown = description.split("\n").length;
  const more = lines.length - shown;
  const tail = more > 0 ? `\n…and ${more} more in /${story.slug}` : "";
  const url = safeUrl(update.articleUrl);
  const createdMs = Date.parse(update.createdAt);
  return {
    title,
    description: tail && description.length + tail.length <= descriptionRoom ? description + tail : description,
    color: EMBED_COLOR,
    footer: { text: footer },
    ...(url ? { url } : {}),
    ...(Number.isNaN(createdMs) ? {} : { timestamp: new Date(createdMs).toISOString() }),
  };
}

function embedChars(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}

/**
 * One message for every update a channel has pending (several updates are combined, never posted as
 * a burst), holding only what the subscription's filter asks for. Stays within Discord's limits: at
 * most 10 embeds and 6,000 characters; updates that do not fit are named in a closing note. Null when
 * nothing in the updates matches the filter.
 */
export function renderUpdates(updates: readonly Update[], only: SubscriptionFilter, story: StoryRef, picture?: UpdatePicture): UpdateMessage | null {
  const sections = updates.map((update) => ({ update, lines: updateLines(update, only) })).filter((s) => s.lines.length > 0);
  if (sections.length === 0) return null;
  const embeds: APIEmbed[] = [];
  const files: MessageFile[] = [];
  let used = 0;
  for (const [i, section] of sections.entries()) {
    // The last embed slot holds a development only when it is the last one; else the closing note.
    const slots = i === sections.length - 1 ? Limits.embedsPerMessage : Limits.embedsPerMessage - 1;
    const room = Limits.embedsTotal - NOTE_ROOM - used;
    if (embeds.length >= slots || room < MIN_EMBED_ROOM) break;
    const embed = embedFor(section.update, section.lines, story, room);
    // The picture goes with the first development it belongs to, and only where figures are posted.
    const pictured = picture && !files.length && FIGURE_FILTERS.has(only) && picture.shows(section.update);
    if (pictured) files.push(picture.file);
    embeds.push(pictured ? withImage(embed, picture.file) : embed);
    used += embedChars(embed);
  }
  const left = sections.length - embeds.length;
  if (left > 0) {
    embeds.push({
      description: `…and ${left} more ${left === 1 ? "development" : "developments"}: see /${story.slug} for the full briefing.`,
      color: EMBED_COLOR,
    });
  }
  const count = sections.length;
  const when = plainWhen(sections.at(-1)?.update.createdAt ?? null);
  const content = fit(
    `**${escapeArticleText(story.title)}**: ${count === 1 ? "a new development" : `${count} new developments`}${when ? ` (${when})` : ""}`,
    Limits.messageContent,
  );
  return { content, embeds, shown: sections.length - left, ...(files.length ? { files } : {}) };
}
