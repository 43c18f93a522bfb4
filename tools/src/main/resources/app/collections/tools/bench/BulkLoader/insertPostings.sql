-- The pipeline's postings (SearchIndexDao/insertPostings.sql) for a whole chunk in one statement:
-- the BM25 term weight against the tenant's average length then (the documents just inserted
-- included, as there). The statement-level trigger adds the chunk's document frequencies at once.
-- length is read as documents stores it (real), without reading the documents table back.
WITH lengths AS (
    SELECT item_id, CAST(sum(tf) AS real) AS length FROM bench_terms GROUP BY item_id
), average AS (
    SELECT total_length / nullif(documents, 0) AS length FROM corpus_stats WHERE user_id = :tenant
)
INSERT INTO postings (user_id, lexeme, item_id, tf, length, weight)
SELECT :tenant, t.lexeme, t.item_id, t.tf, l.length,
       t.tf * 2.2 / (t.tf + 1.2 * (0.25 + 0.75 * l.length / greatest(coalesce(
           (SELECT length FROM average), l.length), 1e-6)))
FROM bench_terms t
JOIN lengths l ON l.item_id = t.item_id
ORDER BY t.lexeme
