/**
 * The only links the bot follows or shows: absolute http(s) URLs (relative ones resolved against
 * `base`). Anything else a page or feed offers (javascript:, data:, mailto:, garbage) becomes null.
 */
export function httpUrl(href: string | null | undefined, base: string | null = null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base ?? undefined);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
