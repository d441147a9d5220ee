import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const STORY_WEEK = "test/fixtures/articles/story-week";

/**
 * Nine invented reports over a week from four invented outlets, worded differently: the same
 * deployment, arrest and order reported twice, the toll updated four times and disputed on 11 Jan,
 * shares of it, one speaker's words in two outlets, and a home-country official.
 */
export const storyWeekFiles = () => readdirSync(STORY_WEEK).sort();
export const storyWeek = () => Object.fromEntries(storyWeekFiles().map((name) => [name, readFileSync(join(STORY_WEEK, name), "utf8")]));
