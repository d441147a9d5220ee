-- Each kind's newest figure, as an ingest asks for it (postgres/articles.ts storyHistory), read
-- down an index instead of sorting every figure of the kind the story holds: the order of the
-- latest-figure query, the figure's own time else its article's (figures.article_ms).
-- SQLite keeps the answer in memory as its one writer inserts figures (013 there is empty).
CREATE INDEX figures_latest ON figures (kind_key, (COALESCE(as_of_ms, article_ms)) DESC NULLS LAST, article_pk DESC, ord DESC);
