INSERT INTO vector_indexes (user_id, model, dimension, index_name)
VALUES (:tenant, :model, :dimension, :indexName)
ON CONFLICT (user_id, model) DO NOTHING
