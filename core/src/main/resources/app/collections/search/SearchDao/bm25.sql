-- BM25 with per-tenant statistics. Relevance (what the floor compares) is the share of the query's
-- IDF that the item matches: a lexeme the tenant has never seen gets the IDF of df = 0, matches
-- nothing and still counts, so a query about something absent scores low relevance everywhere,
-- while a long document matching the query's rare words is not held down by length normalisation.
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
), scored AS (
    SELECT p.item_id,
           sum(t.idf * p.tf * (:k1 + 1) / (p.tf + :k1 * (1 - :b + :b * p.length / c.avg_length))) AS score,
           sum(t.idf) AS matched
    FROM terms t
    JOIN postings p ON p.user_id = :tenant AND p.lexeme = t.lexeme
    CROSS JOIN corpus c
    GROUP BY p.item_id
)
SELECT s.item_id, s.score, s.matched / (SELECT sum(idf) FROM terms) AS relevance
FROM scored s
JOIN items i ON i.user_id = :tenant AND i.id = s.item_id
WHERE <itemFilter>
ORDER BY s.score DESC, s.item_id
LIMIT :limit
