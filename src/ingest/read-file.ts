import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { ArticleMeta } from "./article.js";
import type { Article, AsOfFallback } from "./article.js";
import { ArticleInputError } from "./errors.js";
import { MAX_ARTICLE_BYTES } from "./limits.js";
import { parseArticleText } from "./text.js";
import { isKnownTimeZone, isoInstant, readDateTime } from "./times.js";

/** Share of control characters above which a file is taken for binary, not text. */
const MAX_CONTROL_SHARE = 0.05;
const META_KEYS = ["url", "outlet", "language", "timeZone", "asOf"] as const;
type MetaKey = (typeof META_KEYS)[number];

/**
 * Reads an article text file with its metadata (front matter at the top, or `<file>.meta.json`
 * beside it, which wins) and parses it; an article that states no time of its own is dated by the
 * file's modification time, and says so. Every refusal is an ArticleInputError naming file and line.
 */
export function readArticleFile(path: string): Article {
  const { bytes, modified } = readArticleBytes(path);
  return parseTextFile(decodeArticleBytes(bytes, path), path, modified);
}

/** The text of an article file (already decoded) with its front matter and sidecar. */
export function parseTextFile(text: string, path: string, modified: AsOfFallback): Article {
  const { meta, body } = splitFrontMatter(text, path);
  return parseArticleText(body, path, { ...meta, ...readSidecar(path) }, modified);
}

/** A file's bytes, its size checked before a byte is read, and its modification time as a fallback as-of. */
export function readArticleBytes(path: string): { bytes: Buffer; modified: AsOfFallback } {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ArticleInputError(path, "no such file");
  }
  if (stats.size > MAX_ARTICLE_BYTES) {
    throw new ArticleInputError(path, `file is too large: ${stats.size} bytes, the limit is ${MAX_ARTICLE_BYTES}`);
  }
  return { bytes: readFileSync(path), modified: { at: isoInstant(stats.mtime), from: "file-modified" } };
}

/**
 * Bytes → text with BOM stripped and CRLF normalised, refusing what is not article text: UTF-8,
 * or UTF-16 with its byte-order mark (what Windows editors save as "Unicode").
 */
export function decodeArticleBytes(bytes: Uint8Array, origin: string): string {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new ArticleInputError(origin, `file is too large: ${bytes.length} bytes, the limit is ${MAX_ARTICLE_BYTES}`);
  }
  if (bytes.length === 0) throw new ArticleInputError(origin, "file is empty");
  const text = decodeText(bytes, origin);
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > MAX_CONTROL_SHARE * text.length) {
    throw new ArticleInputError(origin, "file is binary (mostly control characters), not text");
  }
  if (text.trim() === "") throw new ArticleInputError(origin, "file is empty (only white space)");
  return text.replace(/\r\n?/g, "\n");
}

function decodeText(bytes: Uint8Array, origin: string): string {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      throw new ArticleInputError(origin, `file starts with a ${utf16.toUpperCase()} byte-order mark but is not valid ${utf16.toUpperCase()} text`);
    }
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    if (looksLikeUtf16(bytes)) {
      throw new ArticleInputError(origin, "file is UTF-16 text without a byte-order mark: save it as UTF-8 (or as UTF-16 with its byte-order mark)");
    }
    throw new ArticleInputError(origin, "file is binary (it holds NUL bytes), not text", lineAt(bytes, nul));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    throw new ArticleInputError(origin, `file is not valid UTF-8 (first bad byte at offset ${bad})`, lineAt(bytes, bad));
  }
}

/** Latin-script text in UTF-16 has a NUL in nearly every other byte, and almost none in the others. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 1024) & ~1);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = sample.length / 2;
  return pairs >= 4 && Math.max(even, odd) >= 0.4 * pairs && Math.min(even, odd) <= 0.05 * pairs;
}

/**
 * Offset of the first byte the decoder rejects: the longest prefix that decodes, found by bisection
 * (streaming mode lets a prefix end inside a multi-byte sequence).
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  return good;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * `---` / `key: value` lines / `---` at the very top. The header lines are blanked, not removed,
 * so line numbers in later errors and blocks still match the file.
 */
export function splitFrontMatter(text: string, origin: string): { meta: Partial<ArticleMeta>; body: string } {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  if (lines[0]?.trim() !== "---") return { meta: {}, body: text };
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (close === -1) throw new ArticleInputError(origin, "front matter opened with --- is never closed", 1);

  const raw: Partial<Record<MetaKey, string | null>> = {};
  const keyLine = new Map<string, number>();
  for (let i = 1; i < close; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new ArticleInputError(origin, `front matter: expected "key: value", got "${line.slice(0, 60)}"`, i + 1);
    const key = META_KEYS.find((k) => k.toLowerCase() === m[1]!.toLowerCase());
    if (!key) throw new ArticleInputError(origin, `front matter: unknown key "${m[1]}" (known: ${META_KEYS.join(", ")})`, i + 1);
    const value = m[2]!.trim().replace(/^(["'])(.*)\1$/, "$2");
    raw[key] = value === "" || value === "null" ? null : value;
    keyLine.set(key, i + 1);
  }
  const meta = validateMeta(raw, (field, reason) => new ArticleInputError(origin, `front matter ${field}: ${reason}`, keyLine.get(field)));
  const body = [...lines.slice(0, close + 1).map(() => ""), ...lines.slice(close + 1)].join("\n");
  return { meta, body };
}

/** `<file>.meta.json` (or `<name>.meta.json` for `<name>.txt`) beside the article. */
/** The `<file>.meta.json` beside an article file, when there is one. */
export function sidecarOf(path: string): string | undefined {
  const candidates = [`${path}.meta.json`, join(dirname(path), `${basename(path, extname(path))}.meta.json`)];
  return candidates.find((p) => existsSync(p));
}

function readSidecar(path: string): Partial<ArticleMeta> {
  const sidecar = sidecarOf(path);
  if (!sidecar) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(sidecar, "utf8"));
  } catch (error) {
    throw new ArticleInputError(sidecar, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ArticleInputError(sidecar, `expected a JSON object with ${META_KEYS.join(", ")}`);
  }
  const unknown = Object.keys(raw).find((k) => !(META_KEYS as readonly string[]).includes(k));
  if (unknown) throw new ArticleInputError(sidecar, `unknown field "${unknown}" (known: ${META_KEYS.join(", ")})`);
  return validateMeta(raw as Record<string, unknown>, (field, reason) => new ArticleInputError(sidecar, `field ${field}: ${reason}`));
}

/**
 * Checks the given fields only (absent ones stay absent, so front matter and sidecar can merge). An
 * `asOf` may be written as a reader would ("January 8, 2022 9:12"); it is read in the given
 * `timeZone` (else UTC) and must be readable.
 */
function validateMeta(given: Record<string, unknown>, fail: (field: MetaKey, reason: string) => ArticleInputError): Partial<ArticleMeta> {
  const raw = { ...given };
  if (typeof raw.asOf === "string") {
    const zone = typeof raw.timeZone === "string" && isKnownTimeZone(raw.timeZone) ? raw.timeZone : null;
    const at = readDateTime(raw.asOf, { timeZone: zone, dayFirst: true });
    if (!at) throw fail("asOf", `unreadable date "${raw.asOf}" (write e.g. 2022-01-08T09:12:00+06:00 or "January 8, 2022 9:12")`);
    raw.asOf = at;
  }
  const shape = ArticleMeta.partial().safeParse(raw);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    throw fail(issue.path[0] as MetaKey, issue.message);
  }
  const zone = shape.data.timeZone;
  if (typeof zone === "string" && !isKnownTimeZone(zone)) {
    throw fail("timeZone", `unknown time zone "${zone}" (use an IANA name such as Europe/Berlin)`);
  }
  return Object.fromEntries(Object.entries(shape.data).filter(([key]) => key in given));
}
