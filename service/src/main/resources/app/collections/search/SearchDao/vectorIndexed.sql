-- The inner query is what the partial HNSW index answers (same expression, same predicate); the
-- filters then apply to its candidates, and iterative scan keeps fetching while they remove rows.
-- It returns passages, up to :passages of them (the limit times the parts an item has), so that
-- the outer query, which scores each item as its nearest passage, still has :limit items.
-- The index's predicate is spelled out as literals (escaped by VectorIndexes.literal): a prepared
-- statement's cached generic plan then still matches the partial index, so repeated searches of a
-- tenant skip planning. The bound :tenant stays as well.
SELECT n.item_id, 1 - min(n.distance) AS score, 1 - min(n.distance) AS relevance
FROM (
    SELECT e.item_id, e.embedding::vector(<dimension>) <=> CAST(:vector AS vector(<dimension>)) AS distance
    FROM embeddings e
    JOIN items i ON i.user_id = :tenant AND i.id = e.item_id
    WHERE e.user_id = <tenantLiteral> AND e.model = <modelLiteral>
      AND e.user_id = :tenant AND e.model = :model
      AND (CAST(:f.category AS text) IS NULL OR i.category = :f.category)
      AND (CAST(:f.createdAfter AS timestamptz) IS NULL OR i.created_at >= :f.createdAfter)
      AND (CAST(:f.createdBefore AS timestamptz) IS NULL OR i.created_at < :f.createdBefore)
    ORDER BY distance
    LIMIT :passages
) n
GROUP BY n.item_id
ORDER BY min(n.distance), n.item_id
LIMIT :limit
