-- Not tenant data: see migrations/V7__persisted_queries.sql. Two containers may register the same
-- document at once; the text is the same, so the second insert changes nothing.
INSERT INTO persisted_queries (sha256, query) VALUES (:sha256, :query)
ON CONFLICT (sha256) DO NOTHING
