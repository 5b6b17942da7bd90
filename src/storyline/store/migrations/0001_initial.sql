-- Storyline schema v1. Table and column names are meant to read well in `datasette storyline.db`.

CREATE TABLE raw_documents (
    id          TEXT PRIMARY KEY,          -- content hash of kind, url, content and hints
    source      TEXT NOT NULL,             -- path, or path#fragment for one record of a file
    kind        TEXT NOT NULL CHECK (kind IN ('html', 'text')),
    url         TEXT,
    content     TEXT NOT NULL,             -- the decoded page, kept so extraction can be re-run
    hints_json  TEXT NOT NULL DEFAULT '{}',-- fields the input carried beside the page
    encoding    TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX raw_documents_source ON raw_documents (source);

CREATE TABLE articles (
    id                 TEXT PRIMARY KEY,
    raw_document_id    TEXT NOT NULL REFERENCES raw_documents (id) ON DELETE CASCADE,
    source             TEXT NOT NULL,
    url                TEXT,
    title              TEXT NOT NULL,
    text               TEXT NOT NULL,
    published          TEXT,             -- ISO 8601 date or datetime
    published_evidence TEXT,
    outlet             TEXT,
    byline             TEXT,
    language           TEXT,
    extractor_version  TEXT NOT NULL,
    ingest_order       INTEGER NOT NULL  -- first-seen order, the tie-breaker after dates
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);

CREATE TABLE article_flags (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    origin     TEXT NOT NULL,            -- the stage that set it; a stage re-run replaces its own
    PRIMARY KEY (article_id, kind, detail)
);

CREATE TABLE rejections (
    id          TEXT PRIMARY KEY,         -- hash of source, stage and reason: recorded once
    source      TEXT NOT NULL,
    stage       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    rejected_at TEXT NOT NULL
);

CREATE TABLE duplicates (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('exact', 'near')),
    score       REAL NOT NULL
);

CREATE TABLE storylines (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    start_date TEXT,
    end_date   TEXT
);

CREATE TABLE events (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    date         TEXT,
    storyline_id TEXT REFERENCES storylines (id) ON DELETE SET NULL
);
CREATE INDEX events_storyline ON events (storyline_id);

CREATE TABLE event_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL         -- order of the article within its event
);
CREATE INDEX event_articles_event ON event_articles (event_id);
