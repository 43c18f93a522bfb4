-- Not tenant data: see migrations/V7__persisted_queries.sql. Two containers may register the same
-- document at once; the text is the same, so the second insert changes nothing. Nothing is stored
-- once the table holds :maxRows documents (the count is read once per new document, which is rare).
INSERT INTO persisted_queries (sha256, query)
SELECT :sha256, :query
WHERE (SELECT count(*) FROM persisted_queries) < :maxRows
ON CONFLICT (sha256) DO NOTHING
