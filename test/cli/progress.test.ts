import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/progress.js";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => writes.push(text) };
}

describe("progressBar", () => {
  it("draws on a terminal once there are many items, filling as they are done and growing with linked pages", () => {
    const out = stream(true);
    const bar = progressBar(out, "fetching", 10, { force: false, minItems: 10 });
    bar.tick();
    bar.grow(10);
    for (let i = 0; i < 19; i++) bar.tick();
    bar.finish();
    expect(out.writes[0]).toBe(`\rfetching [${".".repeat(30)}] 0/10`);
    expect(out.writes).toContain(`\rfetching [###${".".repeat(27)}] 1/10`);
    expect(out.writes).toContain(`\rfetching [##${".".repeat(28)}] 1/20`);
    expect(out.writes.slice(-2)).toEqual([`\rfetching [${"#".repeat(30)}] 20/20`, "\n"]);
  });

  it("stays silent for a few items on a terminal and for any number in a pipe unless forced", () => {
    const few = stream(true);
    progressBar(few, "storing", 3, { force: false, minItems: 10 }).tick();
    const piped = stream(false);
    progressBar(piped, "storing", 500, { force: false, minItems: 10 }).tick();
    expect([...few.writes, ...piped.writes]).toEqual([]);
  });

  it("redraws a forced bar in a pipe once per percent, not once per item", () => {
    const piped = stream(false);
    const bar = progressBar(piped, "storing", 1000, { force: true, minItems: 10 });
    for (let i = 0; i < 1000; i++) bar.tick();
    expect(piped.writes).toHaveLength(101);
  });
});
