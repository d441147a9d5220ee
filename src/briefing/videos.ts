import type { BriefingReads } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef } from "./source.js";
import type { VideosView } from "./views.js";

/** Videos with their credits, each title and air time once; a video without its own link points at its article, never at a made-up URL. */
export async function videosView(store: BriefingReads, story: StoryConfig): Promise<VideosView> {
  const videos = (await store.distinctVideos(story.slug)).map((row) => {
    const url = row.url ?? row.article.url;
    return {
      title: row.title,
      reporter: row.reporter,
      outlet: row.outlet,
      programme: row.programme,
      airedAt: row.airedAt,
      url,
      urlIsArticle: row.url === null && url !== null,
      source: sourceOf(row.article),
    };
  });
  return { story: storyRef(story), videos };
}
