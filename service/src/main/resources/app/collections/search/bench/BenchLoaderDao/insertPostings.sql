INSERT INTO postings (user_id, lexeme, item_id, tf, length, weight)
SELECT :tenant, x.lexeme, x.item_id, x.tf, d.length,
       x.tf * 2.2 / (x.tf + 1.2 * (0.25 + 0.75 * d.length / greatest(coalesce(
           (SELECT total_length / nullif(documents, 0) FROM corpus_stats WHERE user_id = :tenant), d.length), 1e-6)))
FROM (SELECT t.lexeme, f.item_id, sum(f.weight * coalesce(array_length(t.positions, 1), 1)) AS tf
      FROM unnest(CAST(:fieldItems AS uuid[]), CAST(:fieldTexts AS text[]), CAST(:fieldWeights AS float8[]))
               AS f(item_id, text, weight)
      CROSS JOIN LATERAL unnest(to_tsvector('english', f.text)) AS t
      GROUP BY t.lexeme, f.item_id) x
JOIN documents d ON d.user_id = :tenant AND d.item_id = x.item_id
ORDER BY x.lexeme
