import {
  ApplicationCommandOptionType,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { actorView } from "../src/briefing/actor.js";
import { askView } from "../src/briefing/ask.js";
import { casualtiesView } from "../src/briefing/casualties.js";
import { reactionsView } from "../src/briefing/reactions.js";
import { StoreCache } from "../src/briefing/cache.js";
import { summaryView } from "../src/briefing/summary.js";
import { timelineView } from "../src/briefing/timeline.js";
import { videosView } from "../src/briefing/videos.js";
import type { Command } from "../src/discord/command.js";
import { figuresCharts, type FiguresCharts } from "../src/discord/charts.js";
import type { BotContext } from "../src/discord/context.js";
import { pageMessage, parsePageCustomId } from "../src/discord/pager.js";
import { pagesWithImage } from "../src/render/files.js";
import { fit } from "../src/render/fit.js";
import { Limits } from "../src/render/limits.js";
import type { Page } from "../src/render/page.js";
import { renderActor, renderAnswer, renderCasualties, renderReactions, renderTimeline, renderSummary, renderVideos } from "../src/render/briefings.js";
import type { StoryConfig } from "../src/story/config.js";

export const QUESTION_MAX_LENGTH = 200;

const subcommand = (name: string, description: string, options: object[] = []) => ({
  type: ApplicationCommandOptionType.Subcommand,
  name,
  description,
  options,
});

/** The story command's definition; a story's data file is all it takes to have one. */
export function storyCommandData(story: StoryConfig): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: story.slug,
    description: fit(story.description, 100),
    options: [
      subcommand("summary", "Headline, key developments and the latest figures, with sources"),
      subcommand("casualties", "Every casualty and arrest figure by category, with source and time"),
      subcommand("reactions", "International reactions by country or organisation", [
        {
          type: ApplicationCommandOptionType.String,
          name: "actor",
          description: "Only this country, organisation or person",
          autocomplete: true,
          required: false,
        },
      ]),
      subcommand("videos", "Video reports with reporter, outlet, air time and link"),
      subcommand("actor", "Who someone is and what they did and said", [
        { type: ApplicationCommandOptionType.String, name: "name", description: "A person or organisation in the story", autocomplete: true, required: true },
      ]),
      subcommand("ask", "A short answer from the sources to a free question", [
        {
          type: ApplicationCommandOptionType.String,
          name: "question",
          description: fit(`e.g. ${story.exampleQuestion ?? "What is the latest death toll?"}`, 100),
          required: true,
          max_length: QUESTION_MAX_LENGTH,
        },
      ]),
      subcommand("timeline", "Dated developments in order"),
    ],
  } as RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/** Draws one view of the story as pages; the same call serves the command and its page buttons. */
export async function storyPages(context: BotContext, story: StoryConfig, view: string, arg: string, charts: FiguresCharts): Promise<Page[]> {
  const { store } = context;
  switch (view) {
    case "summary":
      return renderSummary(await summaryView(store, story));
    case "casualties": {
      const [pages, chart] = await Promise.all([casualtiesView(store, story).then(renderCasualties), charts.casualties(story)]);
      return chart ? pagesWithImage(pages, chart.image) : pages;
    }
    case "reactions":
      return renderReactions(await reactionsView(store, story, arg || null));
    case "videos":
      return renderVideos(await videosView(store, story));
    case "actor":
      return renderActor(await actorView(store, story, arg));
    case "ask":
      return renderAnswer(await askView(store, story, arg));
    case "timeline":
      return renderTimeline(await timelineView(store, story));
    default:
      throw new Error(`unknown view ${view}`);
  }
}

function argumentOf(interaction: ChatInputCommandInteraction, view: string): string {
  if (view === "reactions") return interaction.options.getString("actor") ?? "";
  if (view === "actor") return interaction.options.getString("name", true);
  if (view === "ask") return interaction.options.getString("question", true);
  return "";
}

interface Candidate {
  label: string;
  value: string;
  /** Every form the choice may be found by: name, aliases, role. */
  match: readonly string[];
}

/** What an option can be filled with: actors for `name`; who reacted, or for whom, for `actor`. */
async function autocompleteCandidates(context: BotContext, story: StoryConfig, option: string): Promise<Candidate[]> {
  const actors = await context.store.actorIndex(story.slug);
  if (option === "actor") {
    const names = new Map<string, string[]>();
    const aliases = new Map(actors.map((a) => [a.name, a.aliases]));
    for (const r of await context.store.distinctReactions(story.slug)) {
      names.set(r.actor, [r.actor, ...(aliases.get(r.actor) ?? [])]);
      if (!names.has(r.countryOrOrg)) names.set(r.countryOrOrg, [r.countryOrOrg]);
    }
    return [...names].map(([name, match]) => ({ label: name, value: name, match }));
  }
  return actors.map((a) => ({
    label: a.role ? `${a.name} (${a.role})` : a.name,
    value: a.name,
    match: [a.name, ...a.aliases, ...(a.role ? [a.role] : [])],
  }));
}

/** Choices that start with what was typed come before those that merely contain it. */
export function autocompleteChoices(candidates: readonly Candidate[], typed: string) {
  const query = typed.trim().toLowerCase();
  const rank = (c: { match: readonly string[] }) => {
    if (!query) return 1;
    const forms = c.match.map((m) => m.toLowerCase());
    if (forms.some((m) => m.startsWith(query))) return 0;
    if (forms.some((m) => m.includes(query))) return 1;
    return 2;
  };
  return candidates
    .map((c) => ({ c, r: rank(c) }))
    .filter(({ r }) => r < 2)
    .sort((a, b) => a.r - b.r)
    .slice(0, Limits.autocompleteChoices)
    .map(({ c }) => ({ name: fit(c.label, Limits.choiceName), value: c.value.slice(0, Limits.choiceValue) }));
}

export function storyCommand(story: StoryConfig): Command {
  // Drawn once per store version: the same briefing is asked for far more often than it changes.
  let pages: StoreCache<Page[]> | undefined;
  let choices: StoreCache<Candidate[]> | undefined;
  let ownCharts: FiguresCharts | undefined;
  const charts = (context: BotContext) => context.charts ?? (ownCharts ??= figuresCharts(context.store));
  const pageCache = (context: BotContext) => (pages ??= new StoreCache(() => context.store.version()));
  const pageKey = (view: string, arg: string) => `${view}|${arg.toLowerCase()}`;
  const cachedPages = (context: BotContext, view: string, arg: string) =>
    pageCache(context).get(pageKey(view, arg), () => storyPages(context, story, view, arg, charts(context)));
  // A draw can take long: acknowledge first when the answer is not cached, so a slow draw can never
  // miss Discord's 3-second deadline for the first response.
  const cachedOnly = (context: BotContext, view: string, arg: string) => pageCache(context).peek(pageKey(view, arg));
  const candidates = (context: BotContext, option: string) =>
    (choices ??= new StoreCache(() => context.store.version())).get(option, () => autocompleteCandidates(context, story, option));

  return {
    data: storyCommandData(story),

    async execute(interaction: ChatInputCommandInteraction, context: BotContext) {
      const view = interaction.options.getSubcommand(true);
      const arg = argumentOf(interaction, view);
      const request = { command: story.slug, view, arg };
      const cached = await cachedOnly(context, view, arg);
      if (cached) {
        await interaction.reply(pageMessage(cached, 0, request));
        return;
      }
      await interaction.deferReply();
      await interaction.editReply(pageMessage(await cachedPages(context, view, arg), 0, request));
    },

    async autocomplete(interaction: AutocompleteInteraction, context: BotContext) {
      const focused = interaction.options.getFocused(true);
      await interaction.respond(autocompleteChoices(await candidates(context, focused.name), focused.value));
    },

    async button(interaction: ButtonInteraction, context: BotContext) {
      const request = parsePageCustomId(interaction.customId);
      if (!request) {
        await interaction.reply({ content: "This button no longer does anything.", flags: MessageFlags.Ephemeral });
        return;
      }
      const cached = await cachedOnly(context, request.view, request.arg);
      if (cached) {
        await interaction.update(pageMessage(cached, request.page, request));
        return;
      }
      await interaction.deferUpdate();
      await interaction.editReply(pageMessage(await cachedPages(context, request.view, request.arg), request.page, request));
    },
  };
}
