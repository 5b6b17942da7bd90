-- Full-text search over article titles and texts (SQLite FTS5, external content: the index
-- holds no copy of the text). Triggers keep it in step with the articles table.

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
