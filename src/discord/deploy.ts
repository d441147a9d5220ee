import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What Discord adds to a definition it stores: never ours to compare. */
const ASSIGNED = new Set(["id", "application_id", "guild_id", "version"]);

// Discord echoes definitions back with its defaults filled in; an absent field equals its default,
// on either side.
const DEFAULTS: Record<string, Json> = {
  type: 1,
  required: false,
  autocomplete: false,
  nsfw: false,
  dm_permission: true,
  default_member_permissions: null,
  name_localizations: null,
  description_localizations: null,
  options: [],
  choices: [],
  channel_types: [],
};

/**
 * A definition as a value: ids dropped, defaults dropped, permission bitfields as strings (Discord
 * returns them so), keys in order. Both sides go through it, so a field set on only one side, such
 * as an `autocomplete` or `max_length` removed locally, makes them differ.
 */
export function normaliseDefinition(value: Json): Json {
  if (Array.isArray(value)) return value.map(normaliseDefinition);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value)
    .filter(([key, field]) => field !== undefined && !ASSIGNED.has(key))
    .map(([key, field]): [string, Json] => [key, key === "default_member_permissions" && field !== null ? String(field) : normaliseDefinition(field)])
    .filter(([key, field]) => !(key in DEFAULTS) || JSON.stringify(field) !== JSON.stringify(DEFAULTS[key]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** True when the definitions are the same once both are normalised: compared whole, not key by key. */
export function sameDefinition(local: Json, remote: Json): boolean {
  return JSON.stringify(normaliseDefinition(local)) === JSON.stringify(normaliseDefinition(remote));
}

export interface DeployTarget {
  rest: REST;
  applicationId: string;
  /** Guild commands update at once (development); global ones are for release. */
  guildId?: string | undefined;
}

/**
 * Registers every definition with one bulk PUT, and only when they differ from what Discord has:
 * Discord limits command creates per day, so an unchanged deploy must write nothing.
 */
export async function deployCommands(
  target: DeployTarget,
  definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
): Promise<{ changed: boolean; scope: "guild" | "global"; count: number }> {
  const route = target.guildId ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
  const scope = target.guildId ? "guild" : "global";
  const current = (await target.rest.get(route)) as Json[];
  const byName = new Map(current.map((c) => [typeof c === "object" && c && !Array.isArray(c) ? String(c.name) : "", c]));
  const unchanged = current.length === definitions.length && definitions.every((d) => sameDefinition(d as unknown as Json, byName.get(d.name) ?? null));
  if (unchanged) return { changed: false, scope, count: definitions.length };
  await target.rest.put(route, { body: definitions });
  return { changed: true, scope, count: definitions.length };
}
