/**
 * How many elements an HTML document opens and how deep it nests them, read from the raw markup in
 * one linear pass, before any parser sees it: parsing itself is quadratic in the depth (200,000
 * nested <div>s take linkedom 24 s), so the bounds must be checked first.
 *
 * It follows the parser (htmlparser2, under linkedom) closely enough to bound it: void elements
 * and elements that close their own kind (p, li, dd, option, tr, td, ...) add no depth, `/>` closes
 * only inside svg and math, comments and the text of script, style, textarea and the like are
 * skipped. Misnested markup can make the real tree up to about twice as deep as counted here.
 */

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "keygen",
  "basefont",
  "bgsound",
  "frame",
  "image",
  "command",
]);
const SELF_CLOSING_KIND = new Set(["p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th"]);
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext", "iframe", "noscript"]);
const FOREIGN = new Set(["svg", "math"]);

export interface MarkupShape {
  elements: number;
  depth: number;
}

export function measureMarkup(html: string): MarkupShape {
  const lower = html.toLowerCase();
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let foreign = 0;
  let at = 0;
  while ((at = html.indexOf("<", at)) !== -1) {
    const next = html.charAt(at + 1);
    if (html.startsWith("<!--", at)) {
      const close = html.indexOf("-->", at + 4);
      if (close === -1) break;
      at = close + 3;
      continue;
    }
    const closing = next === "/";
    if (!/[A-Za-z]/.test(closing ? html.charAt(at + 2) : next)) {
      at++;
      continue;
    }
    const end = html.indexOf(">", at);
    if (end === -1) break;
    const name = /^<\/?([^\s/>]+)/.exec(lower.slice(at, Math.min(end + 1, at + 64)))?.[1] ?? "";
    at = end + 1;
    if (closing) {
      if (FOREIGN.has(name)) foreign = Math.max(0, foreign - 1);
      if (!VOID.has(name) && !SELF_CLOSING_KIND.has(name)) depth = Math.max(0, depth - 1);
      continue;
    }
    elements++;
    const selfClosed = (foreign > 0 || FOREIGN.has(name)) && html.charAt(end - 1) === "/";
    if (VOID.has(name) || selfClosed) continue;
    if (FOREIGN.has(name)) foreign++;
    if (!SELF_CLOSING_KIND.has(name)) deepest = Math.max(deepest, ++depth);
    if (RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, at);
      if (close === -1) break;
      at = close;
    }
  }
  return { elements, depth: deepest };
}
