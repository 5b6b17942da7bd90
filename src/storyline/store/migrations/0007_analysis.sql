-- v7: who said what. Per article: named-entity mentions and quotes/reported statements,
-- with the analyser version that produced them (a newer analyser redoes older rows).
CREATE TABLE analyzed (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    version    TEXT NOT NULL
);
CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    end_       INTEGER NOT NULL,
    text       TEXT NOT NULL,
    label      TEXT NOT NULL,
    PRIMARY KEY (article_id, start, end_)
);
CREATE TABLE attributions (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    end_       INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
    speaker    TEXT,
    as_written TEXT,
    verb       TEXT
);
CREATE INDEX attributions_article ON attributions (article_id);
