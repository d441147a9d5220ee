import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { processRuns } from "../support/process-runs.js";

interface ParseJson {
  article: {
    title: string;
    asOf: string;
    url: string | null;
    blocks: Array<{ type: string; text?: string }>;
    comments: Array<{ author: string; text: string }>;
  };
  figures: Array<{
    category: string;
    count: number;
    qualifier: string;
    who: string | null;
    unit: string | null;
    attributedTo: string | null;
    sentence: string;
  }>;
  reactions: Array<{ actor: string; countryOrOrg: string; gist: string; quote: string | null; sentence: string }>;
  actors: Array<{ name: string; aliases: string[]; role: string | null; kind: string; affiliation: string | null }>;
  videos: Array<{ title: string; reporter: string | null; outlet: string | null; programme: string | null; airedAt: string | null; url: string | null }>;
  summary: string[];
}

const seed = () => {
  const run = runCli(["parse", "data/articles/000_3d272934acddc640.txt", "--json"]);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as ParseJson;
};

describe("cli parse --json on the seed article", () => {
  const doc = seed();
  const figure = (count: number) => doc.figures.find((f) => f.count === count);

  it("prints the contract's top-level shape", () => {
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(["article", "figures", "reactions", "actors", "videos", "summary"]));
    expect(doc.article.title).toBe("Riots in Kazakhstan: Apparently explosions in Almaty");
    expect(doc.article.asOf).toBe("2022-01-08T09:12:00+01:00");
    expect(doc.summary.length).toBeGreaterThan(2);
    expect(doc.summary.every((s) => typeof s === "string")).toBe(true);
  });

  it("extracts the casualty and arrest figures with their sources and qualifiers", () => {
    expect(figure(26)).toMatchObject({ category: "killed", qualifier: "exact", who: "demonstrators", attributedTo: "state television" });
    expect(figure(4000)).toMatchObject({ category: "arrested", qualifier: "more than" });
    expect(figure(18)).toMatchObject({ category: "killed", qualifier: "at least", who: "police officers and soldiers", attributedTo: "official information" });
  });

  it("keeps Tokayev's claim of up to 20,000 'terrorists' out of the casualties", () => {
    const claims = doc.figures.filter((f) => f.count === 20000);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ category: "other", qualifier: "up to" });
    expect(claims[0]!.attributedTo).toMatch(/Tokayev/);
  });

  it("keeps licences and euros as other figures", () => {
    expect(figure(25)).toMatchObject({ category: "other" });
    expect(figure(2_200_000)).toMatchObject({ category: "other", qualifier: "about", unit: "euros" });
  });

  it("names the story's actors with roles, and no reporter, commenter or agency", () => {
    const byName = (part: string) => doc.actors.find((a) => a.name.includes(part));
    expect(byName("Tokayev")).toMatchObject({ name: "Kassym-Shomart Tokayev", kind: "person", role: "President" });
    expect(byName("Tokayev")!.aliases).toEqual(expect.arrayContaining(["Tokayev"]));
    expect(byName("Massimov")).toMatchObject({ name: "Karim Massimov", kind: "person" });
    expect(byName("Massimov")!.role).toMatch(/prime minister/i);
    expect(byName("Nazarbayev")!.role).toMatch(/ex-president/i);
    expect(byName("Scholz")!.role).toBe("Chancellor");
    expect(byName("Stoltenberg")!.role).toMatch(/NATO Secretary General/);
    expect(doc.actors.find((a) => a.name === "NATO")?.kind).toBe("organisation");
    expect(byName("State Department")?.kind).toBe("organisation");
    expect(byName("federal government")?.affiliation).toBe("Germany");
    const names = doc.actors.flatMap((a) => [a.name, ...a.aliases]).join(" | ");
    expect(names).not.toMatch(/Ina Ruck|Andrea Beer|fathaland|Louis|dpa|Vlast/);
  });

  it("finds exactly the four international reactions", () => {
    expect(doc.reactions.map((r) => r.countryOrOrg).sort()).toEqual(["Germany", "Germany", "NATO", "United States"]);
    const scholz = doc.reactions.find((r) => r.actor === "Olaf Scholz")!;
    expect(scholz.gist).toMatch(/end to the violence/);
    expect(scholz.quote).toBe("Please come back to peaceful further development in the country.");
    expect(doc.reactions.some((r) => r.actor.includes("Tokayev"))).toBe(false);
  });

  it("reads both videos with reporter, outlet and aired time, and invents no URL", () => {
    expect(doc.videos).toEqual([
      expect.objectContaining({ reporter: "Ina Ruck", outlet: "ARD Moscow", programme: "daily news 8 p.m.", airedAt: "2022-01-07T20:00:00+01:00", url: null }),
      expect.objectContaining({ reporter: "Andrea Beer", outlet: "ARD Moscow", airedAt: "2022-01-08T06:39:00+01:00", url: null }),
    ]);
  });

  it("keeps the reader comment apart and takes nothing from it", () => {
    expect(doc.article.comments).toHaveLength(1);
    expect(doc.article.comments[0]!.author).toBe("fathaland slim");
    const facts = JSON.stringify([doc.article.blocks, doc.figures, doc.actors, doc.reactions, doc.summary]);
    expect(facts).not.toMatch(/Louis|French revolution|1789|bread/);
  });
});

describe("cli parse", { timeout: processRuns(2) }, () => {
  it("prints a readable report without --json", () => {
    const run = runCli(["parse", "data/articles/000_3d272934acddc640.txt"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Reactions (4)");
    expect(run.stdout).toMatch(/killed: 26 demonstrators, according to state television/);
  });

  it("exits 2 with the reason for a missing file or an unknown command", () => {
    const missing = runCli(["parse", "no/such/file.txt"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/file\.txt/);
    const unknown = runCli(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe("cli parse --json on an article full of page furniture", () => {
  const run = runCli(["parse", "test/fixtures/articles/furniture/wire-with-furniture.txt", "--json"]);
  const doc = JSON.parse(run.stdout) as ParseJson;

  it("lists the furniture as aside blocks and takes no fact, actor, summary or timeline entry from it", () => {
    expect(run.status).toBe(0);
    expect(doc.article.blocks.filter((b) => b.type === "aside")).toHaveLength(13);
    const facts = JSON.stringify([doc.figures, doc.reactions, doc.actors, doc.videos, doc.summary]);
    for (const furniture of [
      "Ospanov",
      "Fischer",
      "Bekova",
      "Banks reopen under guard",
      "protest movement",
      "Airport to reopen",
      "Telegram",
      "Central Asia",
      "Share",
    ]) {
      expect(facts).not.toContain(furniture);
    }
    expect(doc.summary.join(" ")).toContain("The night curfew in Almaty will stay in force");
  });
});

describe("cli parse with several files", { timeout: processRuns(2) }, () => {
  const seed = "data/articles/000_3d272934acddc640.txt";
  const other = "test/fixtures/articles/wire-dateline.txt";

  it("prints a report per file under its name, and a JSON array of documents with --json", () => {
    const text = runCli(["parse", seed, other]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`== ${seed} ==`);
    expect(text.stdout).toContain(`== ${other} ==`);
    const json = runCli(["parse", seed, other, "--json"]);
    expect(json.status).toBe(0);
    const documents = JSON.parse(json.stdout) as ParseJson[];
    expect(documents).toHaveLength(2);
    expect(documents[0]?.figures.length).toBeGreaterThan(0);
  });

  it("rejects every unreadable file with its reason and prints no report, exit 2", () => {
    const run = runCli(["parse", seed, "no/such/a.txt", "no/such/b.txt"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/rejected no\/such\/a\.txt[^\n]*\nrejected no\/such\/b\.txt/);
  });
});

describe("cli parse --json on an article carrying Discord markup and bidi overrides", () => {
  const run = runCli(["parse", "test/fixtures/articles/hostile/role-mention.txt", "--json"]);

  it("takes no figure from a role mention's id and prints no markup or override", () => {
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as ParseJson;
    expect(doc.figures.map((f) => f.count)).not.toContain(999);
    expect(run.stdout).not.toMatch(/<@|<#|<:|\u202E|\u202C/);
    expect(doc.article.title).toBe("Police detain hundreds in Almaty");
  });
});
