import type { Store } from "../store/index.js";
import { textKey } from "../store/keys.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef } from "./source.js";
import type { VideosView } from "./views.js";

/** Videos with their credits; a video without its own link points at its article, never at a made-up URL. */
export function videosView(store: Store, story: StoryConfig): VideosView {
  const seen = new Set<string>();
  const videos = store.videos(story.slug).flatMap((row) => {
    const key = `${textKey(row.title)}|${row.airedAt ?? ""}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const url = row.url ?? row.article.url;
    return [
      {
        title: row.title,
        reporter: row.reporter,
        outlet: row.outlet,
        programme: row.programme,
        airedAt: row.airedAt,
        url,
        urlIsArticle: row.url === null && url !== null,
        source: sourceOf(row.article),
      },
    ];
  });
  return { story: storyRef(story), videos };
}
