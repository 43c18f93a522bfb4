INSERT INTO embeddings (user_id, item_id, model, dimension, embedding)
SELECT :tenant, id, :model, :dimension, v
FROM unnest(CAST(:ids AS uuid[]), CAST(:vectors AS vector[])) AS t(id, v)
