import { describe, expect, it } from "vitest";
import type { Article } from "../../src/ingest/article.js";
import { parseArticleHtml } from "../../src/ingest/html.js";
import { parseArticleText } from "../../src/ingest/text.js";

const videos = (a: Article) => a.blocks.filter((b) => b.type === "video");
const paragraphs = (a: Article) => a.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));

const DESCRIPTION =
  "Crowds gathered outside the city administration in Aktobe on Wednesday evening as the protests over the price of liquefied gas spread from the west of the country. Police lined the steps of the building but did not move in. Officials said 12 officers had been hurt.";
const LONG_BODY = Array.from(
  { length: 8 },
  (_, i) =>
    `Paragraph ${i + 1} of a long report on the unrest describes in detail what happened in the city of Aktobe over the past days, with quotes from residents, officials and analysts about the protests and the response of the authorities.`,
);

describe("a page that is a video", () => {
  it("yields one video titled by the page (without its marker), linked to the page and aired at its time; the description stays text", () => {
    const a = parseArticleText(
      [
        "Protesters gather outside Aktobe city hall – video",
        "As of: 2022-01-05",
        "Source: https://broadcaster.example/world/videos/2022/jan/05/aktobe-city-hall",
        "",
        DESCRIPTION,
      ].join("\n"),
      "video-page.txt",
    );
    expect(videos(a)).toEqual([
      {
        type: "video",
        title: "Protesters gather outside Aktobe city hall",
        reporter: null,
        outlet: "broadcaster.example",
        programme: null,
        airedAt: "2022-01-05T00:00:00+00:00",
        url: "https://broadcaster.example/world/videos/2022/jan/05/aktobe-city-hall",
        line: 1,
      },
    ]);
    expect(paragraphs(a)).toEqual([DESCRIPTION]);
  });

  it("is told by a leading title marker or a video URL alone when the body is short", () => {
    const marked = parseArticleText(`WATCH: Police line the steps in Aktobe\n\n${DESCRIPTION}`, "watch.txt");
    expect(videos(marked).map((v) => v.title)).toEqual(["Police line the steps in Aktobe"]);
    const byUrl = parseArticleText(`Police line the steps in Aktobe\n\n${DESCRIPTION}\n\nSource: https://tv.example/news/av/asia-12345`, "av.txt");
    expect(videos(byUrl)).toEqual([expect.objectContaining({ title: "Police line the steps in Aktobe", url: "https://tv.example/news/av/asia-12345" })]);
  });

  it("is told in HTML by the page's metadata (og:type video, a JSON-LD VideoObject)", () => {
    const page = `<html><head><title>Night in Aktobe</title>
      <meta property="og:type" content="video.other"><meta property="og:site_name" content="Steppe TV">
      <link rel="canonical" href="https://steppe-tv.example/clips/night-in-aktobe">
      <script type="application/ld+json">{"@type":"VideoObject","name":"Night in Aktobe","uploadDate":"2022-01-05T21:10:00+05:00"}</script>
      </head><body><main><h1>Night in Aktobe</h1><div class="player"><video src="/media/aktobe.mp4"></video></div><p>${DESCRIPTION}</p></main></body></html>`;
    const a = parseArticleHtml(page, "https://steppe-tv.example/clips/night-in-aktobe");
    expect(videos(a)).toEqual([
      {
        type: "video",
        title: "Night in Aktobe",
        reporter: null,
        outlet: "Steppe TV",
        programme: null,
        airedAt: null,
        url: "https://steppe-tv.example/clips/night-in-aktobe",
      },
    ]);
    expect(paragraphs(a)).toEqual([DESCRIPTION]);
  });
});

describe("pages that are not a video", () => {
  it("a long article with '(Video)' in its headline that mentions a video message", () => {
    const a = parseArticleText(
      [
        "Tokayev addresses the nation (Video)",
        "As of: 2022-01-07",
        "",
        "The president spoke in a video message published on YouTube on Friday morning.",
        "",
        ...LONG_BODY.flatMap((p) => [p, ""]),
      ].join("\n"),
      "not-a-video.txt",
    );
    expect(videos(a)).toEqual([]);
  });

  it("a long report at a /video/ address, and a short brief with no sign of a video", () => {
    const long = parseArticleText(
      ["Aktobe after the protests", "", ...LONG_BODY.flatMap((p) => [p, ""]), "Source: https://news.example/video/aktobe-after"].join("\n"),
      "long.txt",
    );
    expect(videos(long)).toEqual([]);
    const brief = parseArticleText(`Police line the steps in Aktobe\n\n${DESCRIPTION}`, "brief.txt");
    expect(videos(brief)).toEqual([]);
  });

  it("a short HTML brief whose only video is an embedded player: that player is the one video", () => {
    const page = `<html><head><title>Night in Aktobe</title><meta property="og:type" content="video.other"></head><body><article><h1>Night in Aktobe</h1>
      <figure><iframe src="https://www.youtube.com/embed/aktobe1" title="Crowds in Aktobe"></iframe><figcaption>Crowds in Aktobe at night</figcaption></figure>
      <p>${DESCRIPTION}</p></article></body></html>`;
    expect(videos(parseArticleHtml(page, "https://news.example/aktobe")).map((v) => v.title)).toEqual(["Crowds in Aktobe at night"]);
  });
});
