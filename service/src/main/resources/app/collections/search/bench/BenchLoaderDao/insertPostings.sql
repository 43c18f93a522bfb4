INSERT INTO postings (user_id, lexeme, item_id, tf, length)
SELECT :tenant, t.lexeme, f.item_id, sum(f.weight * coalesce(array_length(t.positions, 1), 1)), d.length
FROM unnest(CAST(:fieldItems AS uuid[]), CAST(:fieldTexts AS text[]), CAST(:fieldWeights AS float8[]))
         AS f(item_id, text, weight)
CROSS JOIN LATERAL unnest(to_tsvector('english', f.text)) AS t
JOIN documents d ON d.user_id = :tenant AND d.item_id = f.item_id
GROUP BY t.lexeme, f.item_id, d.length
ORDER BY t.lexeme
