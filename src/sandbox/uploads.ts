import { discordError, type RestResponse } from "./response.js";
import type { SandboxAttachment, UploadedFile } from "./types.js";

/**
 * File uploads as Discord takes them: a multipart/form-data body with the message as `payload_json`
 * and each file as `files[n]`; `attachments` in the payload names the files (`id: n`, filename,
 * description) and, on an edit, the attachments to keep (by their id). A file over the upload limit
 * is refused with 413, code 40005, before anything else is looked at.
 */

/** What Discord allows per file without boosts; interactions announce it as `attachment_size_limit`. */
export const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
const DESCRIPTION_MAX = 1024;

export interface ReadRequest {
  body: unknown;
  files: UploadedFile[];
}

/** JSON, or a multipart upload's `payload_json` and files (the same fields Discord reads). */
export function readRequestBody(raw: Buffer, contentType: string): ReadRequest {
  if (raw.length === 0) return { body: null, files: [] };
  const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return { body: JSON.parse(raw.toString("utf8")) as unknown, files: [] };
  const files: UploadedFile[] = [];
  let body: unknown = null;
  for (const part of multipartParts(raw, boundary[1] ?? boundary[2] ?? "")) {
    const disposition = /^content-disposition:[^\r\n]*?\bname="([^"]*)"(?:;\s*filename="([^"]*)")?/im.exec(part.head);
    if (!disposition) continue;
    const [, field = "", filename] = disposition;
    if (filename === undefined) {
      if (field === "payload_json") body = JSON.parse(part.data.toString("utf8")) as unknown;
      continue;
    }
    const type = /^content-type:\s*([^\r\n;]+)/im.exec(part.head)?.[1]?.trim() ?? null;
    files.push({ field, filename, contentType: type, data: part.data });
  }
  return { body, files };
}

/**
 * The parts of a multipart/form-data body, split on its boundary in one pass over the bytes (the
 * sandbox answers within the interaction latency it is used to measure, so no stream or Blob).
 */
function* multipartParts(raw: Buffer, boundary: string): Generator<{ head: string; data: Buffer }> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first boundary line has no CRLF before it; each later one does.
  const first = raw.indexOf(`--${boundary}`);
  if (first === -1) throw new Error("malformed multipart body: no boundary");
  let start = first + boundary.length + 2;
  while (raw.toString("latin1", start, start + 2) !== "--") {
    const headEnd = raw.indexOf("\r\n\r\n", start);
    const next = raw.indexOf(delimiter, start);
    if (headEnd === -1 || next === -1 || headEnd > next) throw new Error("malformed multipart body");
    yield { head: raw.toString("utf8", start, headEnd), data: raw.subarray(headEnd + 4, next) };
    start = next + delimiter.length;
  }
}

export function tooLarge(files: readonly UploadedFile[], limit: number): RestResponse | undefined {
  return files.some((file) => file.data.length > limit) ? discordError(413, 40005, "Request entity too large") : undefined;
}

/** Width and height from a PNG's IHDR, as Discord reports them for images. */
function imageSize(data: Buffer): { width: number; height: number } | null {
  const png = data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.toString("latin1", 12, 16) === "IHDR";
  return png ? { width: data.readUInt32BE(16), height: data.readUInt32BE(20) } : null;
}

interface AttachmentEntry {
  id?: unknown;
  filename?: unknown;
  description?: unknown;
}

/**
 * The attachments a message has after this request: those `attachments` keeps by id plus the
 * uploaded files it names (`id` = the n of `files[n]`), or, when the payload has no `attachments`,
 * what the message had plus every uploaded file.
 */
export function messageAttachments(
  body: Record<string, unknown>,
  files: readonly UploadedFile[],
  existing: readonly SandboxAttachment[],
  nextId: () => string,
): SandboxAttachment[] | RestResponse {
  const uploaded = (file: UploadedFile, entry: AttachmentEntry): SandboxAttachment => ({
    id: nextId(),
    filename: typeof entry.filename === "string" ? entry.filename : file.filename,
    description: typeof entry.description === "string" ? entry.description : null,
    contentType: file.contentType,
    size: file.data.length,
    data: file.data,
    ...imageSize(file.data),
  });
  if (!Array.isArray(body.attachments)) return [...existing, ...files.map((file) => uploaded(file, {}))];
  const result: SandboxAttachment[] = [];
  for (const [index, raw] of (body.attachments as unknown[]).entries()) {
    const entry = (typeof raw === "object" && raw !== null ? raw : {}) as AttachmentEntry;
    if (typeof entry.description === "string" && entry.description.length > DESCRIPTION_MAX) {
      return formError(["attachments", index, "description"], "BASE_TYPE_MAX_LENGTH", `Must be ${DESCRIPTION_MAX} or fewer in length.`);
    }
    const kept = existing.find((a) => a.id === String(entry.id));
    const file = files.find((f) => f.field === `files[${String(entry.id)}]`);
    if (kept) result.push(kept);
    else if (file) result.push(uploaded(file, entry));
    else return formError(["attachments", index, "id"], "ATTACHMENT_NOT_FOUND", "Unknown attachment or file");
  }
  return result;
}

function formError(path: Array<string | number>, code: string, message: string): RestResponse {
  let errors: Record<string, unknown> = { _errors: [{ code, message }] };
  for (const key of [...path].reverse()) errors = { [String(key)]: errors };
  return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors } };
}
