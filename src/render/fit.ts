const ELLIPSIS = "…";

/**
 * Shortens text to at most `max` characters, cutting at a word boundary and marking the cut with an
 * ellipsis, so no reply ends mid-word or silently loses its end.
 */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const cut = text.slice(0, room + 1);
  const lastSpace = cut.search(/\s\S*$/);
  // A single word longer than the room (a URL, say) is cut where it must be.
  const end = lastSpace > room / 2 ? lastSpace : room;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * Groups lines into pages of at most `max` characters (joined by newlines), never splitting a line
 * unless it is longer than a page on its own.
 */
export function pageLines(lines: readonly string[], max: number): string[] {
  const pages: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = fit(raw, max);
    const next = current ? `${current}\n${line}` : line;
    if (next.length > max && current) {
      pages.push(current);
      current = line;
    } else {
      current = next;
    }
  }
  if (current) pages.push(current);
  return pages;
}
