-- BM25 top-k: each query term's best postings (by their stored term weight, through the term
-- index) down to :depth, then exact BM25 of those candidates with the current statistics. Exact
-- for every term in at most :depth documents; for commoner terms a document outside a term's top
-- :depth loses only that (low-IDF) term's share. Relevance as in bm25.sql: the matched share of the
-- query's IDF.
WITH query_terms AS (
    SELECT DISTINCT lexeme FROM unnest(to_tsvector('english', :query))
), corpus AS (
    SELECT documents AS n, total_length / greatest(documents, 1) AS avg_length
    FROM corpus_stats WHERE user_id = :tenant AND documents > 0
), terms AS (
    SELECT q.lexeme, ln(1 + (c.n - coalesce(s.df, 0) + 0.5) / (coalesce(s.df, 0) + 0.5)) AS idf
    FROM query_terms q
    CROSS JOIN corpus c
    LEFT JOIN term_stats s ON s.user_id = :tenant AND s.lexeme = q.lexeme
), candidates AS (
    SELECT t.idf, p.item_id, p.tf, p.length
    FROM terms t
    CROSS JOIN LATERAL (
        SELECT item_id, tf, length FROM postings
        WHERE user_id = :tenant AND lexeme = t.lexeme
        ORDER BY weight DESC
        LIMIT :depth) p
), scored AS (
    SELECT c.item_id,
           sum(c.idf * c.tf * (:k1 + 1) / (c.tf + :k1 * (1 - :b + :b * c.length / co.avg_length))) AS score,
           sum(c.idf) AS matched
    FROM candidates c
    CROSS JOIN corpus co
    GROUP BY c.item_id
)
SELECT s.item_id, s.score, s.matched / (SELECT sum(idf) FROM terms) AS relevance
FROM scored s
ORDER BY s.score DESC, s.item_id
LIMIT :limit
