import { describe, expect, it } from "vitest";
import { CommandLineError, parseCommandLine } from "../../src/discord/command-line.js";
import { loadCommands } from "../../src/discord/commands.js";
import { loadStories } from "../../src/story/config.js";

const definitions = loadCommands(loadStories("data/stories")).map((c) => c.data);
const channels: Record<string, string> = { news: "111111111111111111" };
const parse = (line: string) => parseCommandLine(line, definitions, (name) => channels[name] ?? null);

describe("reading a typed slash command", () => {
  it("nests a subcommand's options as Discord delivers them, values with spaces included", () => {
    expect(parse("/kazakhstan ask question:Who ordered security forces to shoot?")).toEqual({
      command: "kazakhstan",
      options: [{ name: "ask", type: 1, options: [{ name: "question", type: 3, value: "Who ordered security forces to shoot?" }] }],
    });
    expect(parse("/kazakhstan actor name:Karim Massimov").options[0]!.options).toEqual([{ name: "name", type: 3, value: "Karim Massimov" }]);
  });

  it("resolves a #channel name to its id and refuses one the server does not have", () => {
    expect(parse("/subscribe channel:#news only:casualties").options).toEqual([
      { name: "channel", type: 7, value: "111111111111111111" },
      { name: "only", type: 3, value: "casualties" },
    ]);
    expect(() => parse("/subscribe channel:#sports")).toThrow(/takes a channel of this server, not "#sports"/);
  });

  it("refuses what Discord would refuse: unknown command, subcommand or option, missing required option", () => {
    expect(() => parse("/weather")).toThrow(CommandLineError);
    expect(() => parse("/weather")).toThrow(/unknown command \/weather/);
    expect(() => parse("/kazakhstan")).toThrow(/needs one of: summary, casualties/);
    expect(() => parse("/kazakhstan gossip")).toThrow(/needs one of/);
    expect(() => parse("/kazakhstan actor")).toThrow(/missing required option name:/);
    expect(() => parse("/kazakhstan summary colour:red")).toThrow(/unexpected "colour:red"/);
  });
});
