-- v5: each storyline's key names and key terms (JSON arrays of strings, most telling first).
ALTER TABLE storylines ADD COLUMN key_names_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE storylines ADD COLUMN key_terms_json TEXT NOT NULL DEFAULT '[]';
