/** What a sandbox route answers; the server turns it into an HTTP response. */
export interface RestResponse {
  /** `CONNECTION_RESET`: the server resets the connection instead of answering. */
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The status of an answer that is no answer: the request's TCP connection is reset. */
export const CONNECTION_RESET = 0;

const MESSAGES: Record<number, string> = {
  0: "General error",
  10003: "Unknown Channel",
  10004: "Unknown Guild",
  10008: "Unknown Message",
  10015: "Unknown Webhook",
  10062: "Unknown interaction",
  40060: "Interaction has already been acknowledged.",
  50001: "Missing Access",
  50013: "Missing Permissions",
  50035: "Invalid Form Body",
};

/** An error in Discord's JSON shape `{ message, code }`. */
export function discordError(status: number, code: number, message = MESSAGES[code] ?? `${status}`): RestResponse {
  return { status, body: { message, code } };
}
