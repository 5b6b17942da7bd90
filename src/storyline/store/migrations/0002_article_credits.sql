-- v2: what extraction found beyond the core fields (issue "Article extraction").
ALTER TABLE articles ADD COLUMN contributors_json TEXT NOT NULL DEFAULT '[]';  -- [{name, kind, evidence}]
ALTER TABLE articles ADD COLUMN disclosures_json TEXT NOT NULL DEFAULT '[]';   -- [{kind, evidence}]
ALTER TABLE articles ADD COLUMN evidence_json TEXT NOT NULL DEFAULT '{}';      -- {field: where it came from}
ALTER TABLE articles ADD COLUMN confidence_json TEXT NOT NULL DEFAULT '{}';    -- {field: 0..1}
