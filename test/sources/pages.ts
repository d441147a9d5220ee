import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/logger.js";
import { StoryConfig } from "../../src/story/config.js";

/** Test pages and feeds, written for these tests in the manner of outlets covering the story. */

export function liveEntry(at: string, html: string): string {
  return `<div class="post"><span class="stamp"><time datetime="${at}">${at.slice(11, 16)}</time></span>${html}</div>`;
}

export function livePage(entries: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><title>Kazakhstan crisis as it happened | Steppe Daily</title>
<meta property="og:site_name" content="Steppe Daily"><link rel="canonical" href="https://steppe.example/live/kazakhstan"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><h1>Kazakhstan crisis: live updates</h1>${entries.join("\n")}</main>
<div class="comments"><p>Reader: stay safe everyone in Almaty</p></div></body></html>`;
}

export function articlePage(title: string, paragraphs: readonly string[], canonical?: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ""}
<meta property="article:published_time" content="2022-01-08T09:00:00Z"></head>
<body><nav><a href="/">Front page</a></nav><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</article>
<aside class="related"><a href="/other">Other news</a></aside></body></html>`;
}

/** Russian text as windows-1251 bytes: the Cyrillic block maps straight onto 0xC0-0xFF. */
export function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0) ?? 0x3f;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (code === 0x401) return 0xa8;
      if (code === 0x451) return 0xb8;
      if (code === 0xab) return 0xab;
      if (code === 0xbb) return 0xbb;
      return 0x3f;
    }),
  );
}

export function story(sources: { pages?: string[]; feeds?: string[] }, slug = "kazakhstan"): StoryConfig {
  return StoryConfig.parse({ slug, title: "Unrest in Kazakhstan", description: "Test story", sources: { files: [], ...sources } });
}

/** A logger whose JSON lines the test can read. */
export function capturedLogger(): { logger: Logger; logs: Array<Record<string, unknown>> } {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger("info", sink), logs };
}
