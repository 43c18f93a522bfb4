-- length = sum over fields of weight x tokens (stop words excluded, as in the postings).
INSERT INTO documents (user_id, item_id, analysis_id, body, gist, length)
SELECT :tenant, i.id, :analysisId, :body, :gist,
       coalesce((SELECT sum(f.weight * coalesce(array_length(t.positions, 1), 1))
                 FROM unnest(CAST(:texts AS text[]), CAST(:weights AS float8[])) AS f(text, weight),
                      unnest(to_tsvector('english', f.text)) AS t), 0)
FROM items i
WHERE i.user_id = :tenant AND i.id = :itemId
ON CONFLICT (user_id, item_id) DO UPDATE
    SET analysis_id = excluded.analysis_id, body = excluded.body, gist = excluded.gist, length = excluded.length, updated_at = now()
