import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Discord echoes definitions back with its own defaults filled in; an absent flag equals its default.
const DEFAULTS: Record<string, Json> = { required: false, autocomplete: false, nsfw: false, type: 1 };

/** True when every field we define is what Discord already has (Sapphire-style diff). */
export function sameDefinition(local: Json, remote: Json): boolean {
  if (Array.isArray(local)) {
    return Array.isArray(remote) && local.length === remote.length && local.every((item, i) => sameDefinition(item, remote[i] ?? null));
  }
  if (local !== null && typeof local === "object") {
    if (remote === null || typeof remote !== "object" || Array.isArray(remote)) return false;
    return Object.entries(local).every(([key, value]) => {
      if (value === undefined) return true;
      const theirs = remote[key] ?? DEFAULTS[key] ?? null;
      // Discord returns permission bitfields as strings.
      if (key === "default_member_permissions") return String(value) === String(theirs);
      return sameDefinition(value, theirs);
    });
  }
  return local === remote;
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
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const scope = target.guildId ? "guild" : "global";
  const current = (await target.rest.get(route)) as Json[];
  const byName = new Map(current.map((c) => [typeof c === "object" && c && !Array.isArray(c) ? String(c.name) : "", c]));
  const unchanged =
    current.length === definitions.length &&
    definitions.every((d) => sameDefinition(d as unknown as Json, byName.get(d.name) ?? null));
  if (unchanged) return { changed: false, scope, count: definitions.length };
  await target.rest.put(route, { body: definitions });
  return { changed: true, scope, count: definitions.length };
}
