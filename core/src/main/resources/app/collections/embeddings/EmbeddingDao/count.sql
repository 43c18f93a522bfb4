SELECT count(*) FROM embeddings WHERE user_id = :tenant AND model = :model
