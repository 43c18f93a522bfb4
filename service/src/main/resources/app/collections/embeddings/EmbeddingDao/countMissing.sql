SELECT count(*)
FROM documents d
WHERE d.user_id = :tenant
  AND NOT EXISTS (SELECT 1 FROM embeddings e
                  WHERE e.user_id = :tenant AND e.item_id = d.item_id AND e.model = :model)
