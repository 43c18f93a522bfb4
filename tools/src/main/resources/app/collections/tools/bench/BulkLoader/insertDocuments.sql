-- length = sum over fields of weight x tokens, as SearchIndexDao/upsertDocument.sql computes it
-- (the sum of the terms' tf is the same sum, grouped by lexeme first).
INSERT INTO documents (user_id, item_id, analysis_id, body, gist, length)
SELECT :tenant, b.item_id, gen_random_uuid(), b.body, b.gist, coalesce(l.length, 0)
FROM bench_bodies b
LEFT JOIN (SELECT item_id, sum(tf) AS length FROM bench_terms GROUP BY item_id) l ON l.item_id = b.item_id
