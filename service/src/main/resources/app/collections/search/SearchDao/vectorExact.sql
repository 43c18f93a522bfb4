SELECT e.item_id, 1 - (e.embedding <=> :vector) AS score, 1 - (e.embedding <=> :vector) AS relevance
FROM embeddings e
JOIN items i ON i.user_id = :tenant AND i.id = e.item_id
WHERE e.user_id = :tenant AND e.model = :model
  AND (CAST(:f.category AS text) IS NULL OR i.category = :f.category)
  AND (CAST(:f.createdAfter AS timestamptz) IS NULL OR i.created_at >= :f.createdAfter)
  AND (CAST(:f.createdBefore AS timestamptz) IS NULL OR i.created_at < :f.createdBefore)
ORDER BY e.embedding <=> :vector, e.item_id
LIMIT :limit
