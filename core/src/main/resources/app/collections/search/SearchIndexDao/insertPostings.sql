-- One posting per lexeme: tf summed over fields, each field's count multiplied by its weight, and
-- the BM25 term weight against the tenant's current average length (V4__postings_weight.sql).
-- Sorted by lexeme so the statistics trigger locks term rows in a fixed order.
INSERT INTO postings (user_id, lexeme, item_id, tf, length, weight)
SELECT :tenant, x.lexeme, :itemId, x.tf, d.length,
       x.tf * 2.2 / (x.tf + 1.2 * (0.25 + 0.75 * d.length / greatest(coalesce(
           (SELECT total_length / nullif(documents, 0) FROM corpus_stats WHERE user_id = :tenant), d.length), 1e-6)))
FROM (SELECT t.lexeme, sum(f.weight * coalesce(array_length(t.positions, 1), 1)) AS tf
      FROM unnest(CAST(:texts AS text[]), CAST(:weights AS float8[])) AS f(text, weight)
      CROSS JOIN LATERAL unnest(to_tsvector('english', f.text)) AS t
      GROUP BY t.lexeme) x
JOIN documents d ON d.user_id = :tenant AND d.item_id = :itemId
ORDER BY x.lexeme
