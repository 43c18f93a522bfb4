-- One posting per lexeme: tf summed over fields, each field's count multiplied by its weight.
-- Sorted by lexeme so the statistics trigger locks term rows in a fixed order.
INSERT INTO postings (user_id, lexeme, item_id, tf, length)
SELECT :tenant, t.lexeme, :itemId, sum(f.weight * coalesce(array_length(t.positions, 1), 1)), d.length
FROM unnest(CAST(:texts AS text[]), CAST(:weights AS float8[])) AS f(text, weight)
CROSS JOIN LATERAL unnest(to_tsvector('english', f.text)) AS t
JOIN documents d ON d.user_id = :tenant AND d.item_id = :itemId
GROUP BY t.lexeme, d.length
ORDER BY t.lexeme
