import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from "discord.js";

/**
 * What a failed send means for the subscription, from Discord's JSON error code:
 * - `disable`: the channel or guild is gone, or the bot may not post there. Retrying would only
 *   add to the invalid-request count that gets a bot's IP banned, so the subscription stops and
 *   /subscriptions tells the admin why and how to fix it.
 * - `reject`: Discord refused this message itself (a bug on our side): fail it, keep the subscription.
 * - `retry`: a 5xx after @discordjs/rest's own retries, a timeout or a network error.
 */
export type SendFailure = { action: "disable" | "reject" | "retry"; reason: string };

const DISABLING: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.UnknownChannel, "the channel no longer exists (Discord error 10003)"],
  [RESTJSONErrorCodes.UnknownGuild, "the bot is no longer in this server (Discord error 10004)"],
  [RESTJSONErrorCodes.MissingAccess, "the bot cannot see the channel (Discord error 50001: Missing Access)"],
  [RESTJSONErrorCodes.MissingPermissions, "the bot may not post there (Discord error 50013: Missing Permissions)"],
]);

export function classifySendError(error: unknown): SendFailure {
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === "number" ? DISABLING.get(error.code) : undefined;
    if (known) return { action: "disable", reason: known };
    if (error.status >= 500) return { action: "retry", reason: `Discord answered ${error.status}: ${error.message}` };
    if (error.status === 404 || error.status === 403) {
      return { action: "disable", reason: `Discord answered ${error.status} (code ${error.code}): ${error.message}` };
    }
    return { action: "reject", reason: `Discord refused the message (${error.status}, code ${error.code}): ${error.message}` };
  }
  if (error instanceof HTTPError) return { action: "retry", reason: `Discord answered ${error.status} ${error.message}` };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { action: "retry", reason: message };
}
