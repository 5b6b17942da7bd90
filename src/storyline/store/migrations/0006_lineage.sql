-- v6: copy lineage. One row per article that copies, contains or rewrites an earlier article.
CREATE TABLE lineage (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    source_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    relation   TEXT NOT NULL CHECK (relation IN ('copy', 'containment', 'rewrite')),
    kind       TEXT NOT NULL,            -- exact, near, trimmed, padded, rewrite
    score      REAL NOT NULL,
    agency     TEXT,                     -- the wire agency of the source line, if any
    spans_json TEXT NOT NULL DEFAULT '[]' -- [[start, end], ...] in the article's text
);
CREATE INDEX lineage_source ON lineage (source_id);
