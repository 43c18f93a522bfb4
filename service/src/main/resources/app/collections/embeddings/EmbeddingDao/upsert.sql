INSERT INTO embeddings (user_id, item_id, model, dimension, embedding)
SELECT :tenant, i.id, :model, :dimension, :embedding
FROM items i
WHERE i.user_id = :tenant AND i.id = :itemId
ON CONFLICT (user_id, item_id, model) DO UPDATE
    SET embedding = excluded.embedding, dimension = excluded.dimension, created_at = now()
