import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botSuggestions, completeCommandLine, replyAsText, runTerminal } from "../../src/sandbox/terminal.js";
import { manyArticles, startBriefingBot, type BriefingBot } from "./harness.js";

let bot: BriefingBot;
beforeAll(async () => {
  // Forty reports: the timeline runs over several pages.
  bot = await startBriefingBot(manyArticles(40));
});
afterAll(() => bot.close());

/** The local prompt on in-memory streams: type lines, wait for what it prints. */
function prompt(terminal = false) {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = "";
  output.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
  const stop = new AbortController();
  const running = runTerminal(bot.session, { input, output, terminal, signal: stop.signal, storePath: "/tmp/prompt-test.db" });
  return {
    type: (text: string) => input.write(text),
    screen: () => screen,
    /** Resolves once the screen shows `pattern` (after `from`), as a person would wait to read it. */
    async until(pattern: RegExp, from = 0): Promise<string> {
      while (!pattern.test(screen.slice(from))) {
        await new Promise<void>((resolve) => output.once("data", () => resolve()));
      }
      return screen.slice(from);
    },
    async end() {
      input.end();
      await running;
    },
  };
}

describe("the local prompt", () => {
  it("says where it stores, shows channels by name and prints posts to subscribed channels as they arrive", async () => {
    const p = prompt();
    await p.until(/Store: \/tmp\/prompt-test\.db \(DATABASE_URL\)/);
    const mark = p.screen().length;
    p.type("/subscribe channel:#news\n");
    const after = await p.until(/\[posted in #news\]\n[\s\S]*==/, mark);
    expect(after).toMatch(/#news/);
    expect(after).not.toMatch(/<#\d+>/);
    const listMark = p.screen().length;
    p.type("/subscriptions\n");
    const list = await p.until(/#news[\s\S]*> $/, listMark);
    expect(list).not.toMatch(/<#\d+>/);
    await p.end();
  });

  it("turns pages with next and prev (and /next), and says which page it shows", async () => {
    const p = prompt();
    await p.until(/> $/);
    let mark = p.screen().length;
    p.type("/kazakhstan timeline\n");
    const first = await p.until(/> $/, mark);
    const pages = /\[page 1\/(\d+): type next or prev\]/.exec(first);
    expect(pages, first).not.toBeNull();
    mark = p.screen().length;
    p.type("next\n");
    expect(await p.until(/> $/, mark)).toMatch(/\[page 2\/\d+: type next or prev\]/);
    mark = p.screen().length;
    p.type("prev\n");
    expect(await p.until(/> $/, mark)).toMatch(/\[page 1\/\d+: type next or prev\]/);
    mark = p.screen().length;
    p.type("/next\n");
    expect(await p.until(/> $/, mark)).toMatch(/\[page 2\/\d+: type next or prev\]/);
    await p.end();
  });

  it("gives no paging hint where pages cannot be turned (cli preview)", async () => {
    const reply = await bot.run("/kazakhstan timeline");
    expect(replyAsText(bot.session.sandbox, reply, true)).toMatch(/\[page 1\/\d+: type next or prev\]$/);
    const preview = replyAsText(bot.session.sandbox, reply);
    expect(preview).not.toMatch(/\[page|more pages|\/next/);
    expect(preview).toMatch(/page 1\/\d+\)$/m);
  });

  it("recalls the previous line with the up arrow", async () => {
    const p = prompt(true);
    await p.until(/> /);
    p.type("/help\r");
    await p.until(/== News briefings ==/);
    const mark = p.screen().length;
    // Up arrow, then Enter: the line editor redraws "> /help" and runs it again.
    p.type("\x1b[A\r");
    expect(await p.until(/> \/help[\s\S]*== News briefings ==/, mark)).toBeTruthy();
    await p.end();
  });
});

describe("Tab completion at the prompt", () => {
  const definitions = () => bot.session.bot.commands.map((c) => c.data);
  const noSuggestions = async () => [];

  it("completes commands, prompt words, subcommands and option names", async () => {
    expect(await completeCommandLine("/kaz", definitions(), noSuggestions)).toEqual([["/kazakhstan"], "/kaz"]);
    expect(await completeCommandLine("ne", definitions(), noSuggestions)).toEqual([["next"], "ne"]);
    expect(await completeCommandLine("/kazakhstan ac", definitions(), noSuggestions)).toEqual([["actor"], "ac"]);
    expect(await completeCommandLine("/kazakhstan actor ", definitions(), noSuggestions)).toEqual([["name:"], ""]);
    expect((await completeCommandLine("/subscribe channel:#news ", definitions(), noSuggestions))[0]).not.toContain("channel:");
  });

  it("completes actor names from the bot's own autocomplete", async () => {
    const [candidates, replaced] = await completeCommandLine("/kazakhstan actor name:Tok", definitions(), botSuggestions(bot.session.sandbox));
    expect(replaced).toBe("name:Tok");
    // What the option takes (the choice's value), not its label with the role in brackets.
    expect(candidates).toContain("name:Kassym-Shomart Tokayev");
  });
});
