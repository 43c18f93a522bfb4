INSERT INTO embeddings (user_id, item_id, model, part, dimension, embedding)
SELECT :tenant, i.id, :model, :part, :dimension, :embedding
FROM items i
WHERE i.user_id = :tenant AND i.id = :itemId
ON CONFLICT (user_id, item_id, model, part) DO UPDATE
    SET embedding = excluded.embedding, dimension = excluded.dimension, created_at = now()
