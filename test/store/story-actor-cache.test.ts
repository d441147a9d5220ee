import { describe, expect, it } from "vitest";
import { storyActorCache, type LookupKeys } from "../../src/store/story-actor-cache.js";
import { addArticleActor, lookupKeys, type StoryActor } from "../../src/store/story-actors.js";

const story = "kazakhstan";
const actor = (id: string, name: string, kind: "person" | "organisation" = "person", aliases: string[] = []): StoryActor =>
  addArticleActor(null, { id, name, aliases, role: null, kind, affiliation: null, mentionCount: 1 }, { ms: 0, pk: 1 });

describe("the story actors a connection holds", () => {
  it("asks the store only for keys it has not read, and finds what it has since written under them", () => {
    const cache = storyActorCache();
    const asked: LookupKeys[] = [];
    const store: StoryActor[] = [actor("nursultan-nazarbayev", "Nursultan Nazarbayev")];
    const read = (keys: LookupKeys) => (asked.push(keys), store);

    const keys = lookupKeys([{ name: "Nazarbayev", aliases: [], kind: "person" }]);
    expect(cache.candidates(story, keys, read).map((a) => a.id)).toEqual(["nursultan-nazarbayev"]);
    cache.written(story, actor("samat-nazarbayev", "Samat Nazarbayev"));
    expect(cache.candidates(story, keys, read).map((a) => a.id)).toEqual(["nursultan-nazarbayev", "samat-nazarbayev"]);
    expect(asked).toHaveLength(1);

    cache.clear();
    cache.candidates(story, keys, read);
    expect(asked).toHaveLength(2);
  });

  it("finds an organisation by any of its names, and no longer under a name it lost", () => {
    const cache = storyActorCache();
    const nato = actor("nato", "NATO", "organisation", ["North Atlantic Treaty Organization"]);
    const byName = lookupKeys([{ name: "North Atlantic Treaty Organization", aliases: [], kind: "organisation" }]);
    expect(cache.candidates(story, byName, () => [nato]).map((a) => a.id)).toEqual(["nato"]);

    cache.written(story, { ...nato, names: new Map([...nato.names].filter(([, use]) => use.name === "NATO")) });
    expect(cache.candidates(story, byName, () => [])).toEqual([]);
  });
});
