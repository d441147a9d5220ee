/**
 * The message limits Discord enforces server side, answered the way Discord answers them (400, code 50035 with a
 * nested `errors` tree, or 50006 for an empty message), so a renderer that overflows a limit fails here as it would
 * in production instead of passing silently.
 */

export interface FormError {
  status: 400;
  body: { message: string; code: number; errors?: Record<string, unknown> };
}

type Issue = { path: Array<string | number>; code: string; message: string };

const EMBED_LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, author: 256, total: 6000 };

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function maxLength(issues: Issue[], path: Array<string | number>, value: unknown, max: number): void {
  if (typeof value === "string" && value.length > max) {
    issues.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` });
  }
}

function httpUrl(issues: Issue[], path: Array<string | number>, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "string" || !/^https?:\/\/[^\s]+$/i.test(value)) {
    issues.push({ path, code: "URL_TYPE_INVALID_URL", message: "Not a well formed URL." });
  }
}

/** V8's Date.parse accepts "8 January"; Discord wants ISO 8601. */
function isIsoTimestamp(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value));
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** An embed's image may name a file of the same message (`attachment://chart.png`); any other must be http(s). */
function mediaUrl(issues: Issue[], path: Array<string | number>, value: unknown, attachments: readonly string[]): void {
  if (typeof value === "string" && value.startsWith("attachment://")) {
    if (!attachments.includes(value.slice("attachment://".length))) {
      issues.push({ path, code: "URL_TYPE_INVALID_URL", message: "Not a well formed URL: no attachment of this message has that name." });
    }
    return;
  }
  httpUrl(issues, path, value);
}

function checkEmbed(issues: Issue[], raw: unknown, index: number, attachments: readonly string[]): number {
  const embed = record(raw);
  const at = (...rest: Array<string | number>) => ["embeds", index, ...rest];
  maxLength(issues, at("title"), embed.title, EMBED_LIMITS.title);
  maxLength(issues, at("description"), embed.description, EMBED_LIMITS.description);
  httpUrl(issues, at("url"), embed.url);
  if (embed.timestamp !== undefined && !isIsoTimestamp(text(embed.timestamp))) {
    issues.push({ path: at("timestamp"), code: "DATE_TYPE_PARSE", message: "Could not parse timestamp." });
  }
  const footer = record(embed.footer);
  const author = record(embed.author);
  maxLength(issues, at("footer", "text"), footer.text, EMBED_LIMITS.footer);
  maxLength(issues, at("author", "name"), author.name, EMBED_LIMITS.author);
  httpUrl(issues, at("author", "url"), author.url);
  for (const key of ["image", "thumbnail"] as const) mediaUrl(issues, at(key, "url"), record(embed[key]).url, attachments);
  const fields = Array.isArray(embed.fields) ? embed.fields : [];
  if (fields.length > EMBED_LIMITS.fields) {
    issues.push({ path: at("fields"), code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${EMBED_LIMITS.fields} or fewer in length.` });
  }
  let size = text(embed.title).length + text(embed.description).length + text(footer.text).length + text(author.name).length;
  fields.forEach((rawField, fieldIndex) => {
    const field = record(rawField);
    if (text(field.name).length === 0 || text(field.value).length === 0) {
      issues.push({ path: at("fields", fieldIndex), code: "BASE_TYPE_REQUIRED", message: "This field is required" });
    }
    maxLength(issues, at("fields", fieldIndex, "name"), field.name, EMBED_LIMITS.fieldName);
    maxLength(issues, at("fields", fieldIndex, "value"), field.value, EMBED_LIMITS.fieldValue);
    size += text(field.name).length + text(field.value).length;
  });
  return size;
}

function toErrorTree(issues: Issue[]): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = tree;
    for (const key of issue.path) node = record((node[String(key)] ??= {}));
    const errors = (node._errors ??= []) as unknown[];
    errors.push({ code: issue.code, message: issue.message });
  }
  return tree;
}

/**
 * Checks a message body (channel post, interaction reply, webhook edit or follow-up); `undefined`
 * means valid. `attachments`: the file names the message will have, which its embeds may show.
 */
export function validateMessageBody(raw: unknown, options: { requireContent: boolean; attachments?: readonly string[] }): FormError | undefined {
  const body = record(raw);
  const issues: Issue[] = [];
  maxLength(issues, ["content"], body.content, 2000);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > 10) issues.push({ path: ["embeds"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 10 or fewer in length." });
  const total = embeds.reduce<number>((sum, embed, index) => sum + checkEmbed(issues, embed, index, options.attachments ?? []), 0);
  if (total > EMBED_LIMITS.total) {
    issues.push({ path: ["embeds"], code: "MAX_EMBED_SIZE_EXCEEDED", message: `Embed size exceeds maximum size of ${EMBED_LIMITS.total}` });
  }
  if (body.nonce !== undefined && !(typeof body.nonce === "number" || (typeof body.nonce === "string" && body.nonce.length <= 25))) {
    issues.push({ path: ["nonce"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
  }
  if (issues.length > 0) return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: toErrorTree(issues) } };
  const components = Array.isArray(body.components) ? body.components : [];
  const empty = text(body.content).length === 0 && embeds.length === 0 && components.length === 0 && (options.attachments ?? []).length === 0;
  if (options.requireContent && empty) return { status: 400, body: { message: "Cannot send an empty message", code: 50006 } };
  return undefined;
}

/** Autocomplete answers: at most 25 choices, names 1-100 characters. */
export function validateChoices(raw: unknown): FormError | undefined {
  const choices = Array.isArray(record(raw).choices) ? (record(raw).choices as unknown[]) : [];
  const issues: Issue[] = [];
  if (choices.length > 25) issues.push({ path: ["data", "choices"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
  choices.forEach((choice, index) => {
    const name = text(record(choice).name);
    if (name.length < 1 || name.length > 100) {
      issues.push({ path: ["data", "choices", index, "name"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
    }
  });
  return issues.length > 0 ? { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: toErrorTree(issues) } } : undefined;
}
