import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const TOLL_ARTICLES = "test/fixtures/articles/toll-story";

/** Six invented reports over ten days from three outlets: tolls updated, and contradicted on 7 Jan. */
export const tollStory = () => Object.fromEntries(readdirSync(TOLL_ARTICLES).map((name) => [name, readFileSync(join(TOLL_ARTICLES, name), "utf8")]));

/** Every point the chart draws, as its alt text words it: count, day in Almaty, source. */
export const TOLL_POINTS = [
  "40 on 6 Jan (state television)",
  "44 on 7 Jan (state television)",
  "at least 70 on 7 Jan (rights group in Almaty)",
  "164 on 9 Jan (health ministry)",
  "225 on 15 Jan (prosecutor general's office)",
  "1,300 on 7 Jan (health ministry)",
  "2,200 on 9 Jan (health ministry)",
  "4,353 on 15 Jan (prosecutor general's office)",
  "more than 2,000 on 6 Jan (interior ministry)",
  "5,800 on 9 Jan (interior ministry)",
  "9,900 on 11 Jan (interior ministry)",
];
