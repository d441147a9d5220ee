import type { APIEmbed } from "discord.js";
import { plainWhen } from "./format.js";

/** Undoes Discord-only markup for a terminal: `<t:…>` times, escapes, link syntax. */
function plain(text: string): string {
  return (
    text
      .replace(/<t:(\d+):[a-zA-Z]>/g, (_, s: string) => plainWhen(new Date(Number(s) * 1000).toISOString()) ?? s)
      .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, "$1 <$2>")
      // Our own bold and code marks; escaped ones (article text) are kept by the next step.
      .replace(/(?<!\\)\*\*|(?<!\\)`/g, "")
      .replace(/\\([*_~`|>#\-[\]<])/g, "$1")
      .replace(/\u200b/g, "")
  );
}

/**
 * A reply as a newcomer sees it in the terminal: content, then each embed's title, text, fields and
 * footer. Page buttons are left to the caller: only the prompt can turn pages.
 */
export function messageAsText(message: { content?: string; embeds?: readonly APIEmbed[]; components?: readonly unknown[] }): string {
  const out: string[] = [];
  if (message.content) out.push(plain(message.content));
  for (const embed of message.embeds ?? []) {
    if (embed.title) out.push(`== ${plain(embed.title)} ==`);
    if (embed.url) out.push(embed.url);
    if (embed.description) out.push(plain(embed.description));
    for (const field of embed.fields ?? []) out.push("", `-- ${plain(field.name)} --`, plain(field.value));
    const footer = [embed.footer?.text, embed.timestamp ? `updated ${plainWhen(embed.timestamp)}` : null].filter(Boolean).join(" · ");
    if (footer) out.push("", `(${plain(footer)})`);
  }
  return out.join("\n");
}
