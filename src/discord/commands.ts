import { helpCommand } from "../../commands/help.js";
import { storyCommand } from "../../commands/story.js";
import { subscribeCommand } from "../../commands/subscribe.js";
import { subscriptions } from "../../commands/subscriptions.js";
import { unsubscribeCommand } from "../../commands/unsubscribe.js";
import type { StoryConfig } from "../story/config.js";
import type { Command } from "./command.js";

/** Every command the bot serves: one per story (from its data file) and the fixed ones. */
export function loadCommands(stories: readonly StoryConfig[]): Command[] {
  const commands = [...stories.map(storyCommand), helpCommand(), subscribeCommand(stories), unsubscribeCommand(stories), subscriptions];
  const names = new Set<string>();
  for (const command of commands) {
    if (names.has(command.data.name)) throw new Error(`two commands are named /${command.data.name}: rename the story`);
    names.add(command.data.name);
  }
  return commands;
}
