/**
 * Turning fetched or saved bytes into text. Outlets covering Central Asia still serve pages in
 * windows-1251 or KOI8-R, and translated pages in ISO-8859-x, so the declared charset matters.
 */

/** How far into a document a `<meta charset>` or XML declaration may sit (the HTML standard prescans 1024 bytes; we are more lenient). */
const PRESCAN_BYTES = 4096;

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
];

/**
 * Decodes a body by its declared charset: the Content-Type header, then `<meta charset>` /
 * `<meta http-equiv="Content-Type">` / an XML declaration, default UTF-8. A byte-order mark beats
 * all of them, as in the HTML standard's encoding sniffing: a BOM is the bytes describing
 * themselves, while headers and meta tags are often copied wrongly between templates.
 * Unknown or unsupported labels fall through to the next source rather than failing; malformed
 * bytes become U+FFFD (the page may still be readable).
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  const candidates = [bom?.encoding, charsetFromContentType(contentType), charsetFromMarkup(bytes), "utf-8"];
  for (const label of candidates) {
    const text = label ? decodeAs(label, bytes) : null;
    if (text !== null) return text;
  }
  return new TextDecoder("utf-8").decode(bytes);
}

/** The charset parameter of a Content-Type value, e.g. `text/html; charset="windows-1251"`. */
export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1] ?? null;
}

function charsetFromMarkup(bytes: Uint8Array): string | null {
  // Charset declarations are ASCII in every encoding we accept, so a byte-per-char read is safe.
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, PRESCAN_BYTES));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  const metaCharset = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(head);
  return metaCharset?.[1] ?? null;
}

/** Null for a label TextDecoder does not know. It drops a BOM matching its encoding, so none leaks into the text. */
function decodeAs(label: string, bytes: Uint8Array): string | null {
  let decoder;
  try {
    decoder = new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
  return decoder.decode(bytes);
}
