-- Documents and their lengths, set-based: the same tokenisation as SearchIndexDao, many items at once.
INSERT INTO documents (user_id, item_id, analysis_id, body, length)
SELECT :tenant, f.item_id, gen_random_uuid(), min(b.body),
       coalesce(sum(f.weight * coalesce(array_length(t.positions, 1), 1)), 0)
FROM unnest(CAST(:fieldItems AS uuid[]), CAST(:fieldTexts AS text[]), CAST(:fieldWeights AS float8[]))
         AS f(item_id, text, weight)
CROSS JOIN LATERAL unnest(to_tsvector('english', f.text)) AS t
JOIN unnest(CAST(:ids AS uuid[]), CAST(:bodies AS text[])) AS b(item_id, body) ON b.item_id = f.item_id
GROUP BY f.item_id
