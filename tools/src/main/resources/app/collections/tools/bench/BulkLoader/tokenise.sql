-- The pipeline's tokenisation (SearchIndexDao/insertPostings.sql): per lexeme, tf summed over the
-- fields, each field's count multiplied by its weight; one to_tsvector per field, for the whole chunk.
INSERT INTO bench_terms (item_id, lexeme, tf)
SELECT f.item_id, t.lexeme, sum(f.weight * coalesce(array_length(t.positions, 1), 1))
FROM bench_fields f
CROSS JOIN LATERAL unnest(to_tsvector('english', f.text)) AS t
GROUP BY f.item_id, t.lexeme
