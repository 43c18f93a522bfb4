-- Item.similar for a page of items in one statement: each source item's whole-document vector
-- (part 0, as EmbeddingDao.find reads it) against the tenant's vectors, an exact scan per source
-- (the tenants this serves are below the HNSW threshold). An item scores as its nearest passage,
-- as in vectorExact.sql; the source itself is left out.
SELECT s.item_id AS source_id, n.item_id, 1 - n.distance AS score
FROM embeddings s
CROSS JOIN LATERAL (
    SELECT e.item_id, min(e.embedding <=> s.embedding) AS distance
    FROM embeddings e
    WHERE e.user_id = :tenant AND e.model = :model AND e.item_id <> s.item_id
    GROUP BY e.item_id
    ORDER BY distance, e.item_id
    LIMIT :limit
) n
WHERE s.user_id = :tenant AND s.model = :model AND s.part = 0 AND s.item_id = ANY(:itemIds)
ORDER BY s.item_id, n.distance, n.item_id
