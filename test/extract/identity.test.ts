import { describe, expect, it } from "vitest";
import { identityKey, matchActor, nameKey, sameActor, type ActorLike } from "../../src/extract/identity.js";

const person = (name: string, affiliation: string | null = null, aliases: string[] = []): ActorLike => ({ name, aliases, kind: "person", affiliation });
const body = (name: string, aliases: string[] = [], affiliation: string | null = null): ActorLike => ({ name, aliases, kind: "organisation", affiliation });

describe("one actor across a story's articles", () => {
  it("meets transliterations of one name and keeps a feminine ending apart", () => {
    expect(nameKey("Toqaev")).toBe(nameKey("Tokayev"));
    expect(nameKey("Nazarbaev")).toBe(nameKey("Nazarbayev"));
    expect(nameKey("Masimov")).toBe(nameKey("Massimov"));
    expect(nameKey("Zhomart")).toBe(nameKey("Jomart"));
    expect(nameKey("Nazarbayeva")).not.toBe(nameKey("Nazarbayev"));
  });

  it("files a bare surname, a titled name and another spelling under one person", () => {
    const full = person("Kassym-Jomart Tokayev", "Kazakhstan");
    expect(sameActor(person("Tokayev"), full)).toBe(true);
    expect(sameActor(person("Kassym-Shomart Tokayev"), full)).toBe(true);
    expect(sameActor(person("Qasym-Zhomart Toqaev"), full)).toBe(true);
    expect(identityKey(person("Toqaev"))).toBe(identityKey(full));
  });

  it("never merges two people who share a surname without evidence", () => {
    expect(sameActor(person("Aliya Nazarbayeva"), person("Dariga Nazarbayeva"))).toBe(false);
    expect(sameActor(person("Wang Yi", "China"), person("Yi", "South Korea"))).toBe(false);
    const known = [person("Aliya Nazarbayeva"), person("Dariga Nazarbayeva")];
    expect(matchActor(person("Nazarbayeva"), known)).toBeNull();
    expect(matchActor(person("Dariga Nazarbayeva"), known)).toBe(known[1]);
  });

  it("knows an organisation by any name another article gives it", () => {
    expect(sameActor(body("CSTO", ["Collective Security Treaty Organization"]), body("Collective Security Treaty Organization"))).toBe(true);
    expect(sameActor(body("Kazakh interior ministry", [], "Kazakhstan"), body("Kazakh interior ministry", [], "Kazakhstan"))).toBe(true);
    expect(sameActor(body("Interior Ministry", [], "Kazakhstan"), body("Interior Ministry", [], "Kyrgyzstan"))).toBe(false);
    expect(sameActor(body("NATO"), person("Nato"))).toBe(false);
  });
});
