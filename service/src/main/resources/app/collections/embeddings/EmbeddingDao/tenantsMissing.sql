-- Tenants with indexed documents lacking a vector of this model: reindex's work list.
SELECT DISTINCT d.user_id
FROM documents d
WHERE NOT EXISTS (SELECT 1 FROM embeddings e
                  WHERE e.user_id = d.user_id AND e.item_id = d.item_id AND e.model = :model)
ORDER BY d.user_id
