-- An item scores as its nearest passage (EmbeddingDao: body and gist). A filter is a set of the
-- tenant's items, hashed once; OR evaluates left to right, so an unfiltered search never builds it.
SELECT n.item_id, 1 - n.distance AS score, 1 - n.distance AS relevance
FROM (
    SELECT e.item_id, min(e.embedding <=> :vector) AS distance
    FROM embeddings e
    WHERE e.user_id = :tenant AND e.model = :model
      AND (NOT :f.narrows OR e.item_id IN (
          SELECT i.id FROM items i
          WHERE i.user_id = :tenant
            AND (CAST(:f.category AS text) IS NULL OR i.category = :f.category)
            AND (CAST(:f.createdAfter AS timestamptz) IS NULL OR i.created_at >= :f.createdAfter)
            AND (CAST(:f.createdBefore AS timestamptz) IS NULL OR i.created_at < :f.createdBefore)))
    GROUP BY e.item_id
) n
ORDER BY n.distance, n.item_id
LIMIT :limit
