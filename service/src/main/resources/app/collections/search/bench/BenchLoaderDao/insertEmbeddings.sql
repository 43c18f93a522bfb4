INSERT INTO embeddings (user_id, item_id, model, part, dimension, embedding)
SELECT :tenant, id, :model, part, :dimension, v
FROM unnest(CAST(:ids AS uuid[]), CAST(:parts AS int[]), CAST(:vectors AS vector[])) AS t(id, part, v)
