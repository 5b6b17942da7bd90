-- v3: user edits of events and storylines (merge, split, rename, pin), replayed by every build.
CREATE TABLE edits (
    id         INTEGER PRIMARY KEY,                -- replay order (edits are never deleted)
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'rename', 'pin', 'unpin')),
    target     TEXT NOT NULL CHECK (target IN ('event', 'storyline')),
    args_json  TEXT NOT NULL,                      -- arguments and membership snapshots
    created_at TEXT NOT NULL
);

CREATE TABLE aliases (
    alias   TEXT PRIMARY KEY,                      -- the id a merge retired
    id      TEXT NOT NULL,                         -- the id that survived (may itself be an alias)
    kind    TEXT NOT NULL CHECK (kind IN ('event', 'storyline')),
    edit_id INTEGER NOT NULL REFERENCES edits (id) ON DELETE CASCADE
);
CREATE INDEX aliases_id ON aliases (id);
