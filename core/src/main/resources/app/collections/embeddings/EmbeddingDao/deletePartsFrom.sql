DELETE FROM embeddings WHERE user_id = :tenant AND item_id = :itemId AND model = :model AND part >= :part
