-- v4: cached dense embeddings of articles (optional `storyline build --dense`), one per model.
CREATE TABLE embeddings (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    model      TEXT NOT NULL,                      -- e.g. all-MiniLM-L6-v2
    text_sha1  TEXT NOT NULL,                      -- of the embedded text: a re-extraction that
                                                   -- changed it makes the vector stale
    dim        INTEGER NOT NULL,
    vector     BLOB NOT NULL,                      -- float32, little endian
    PRIMARY KEY (article_id, model)
);
