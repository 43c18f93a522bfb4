-- Part 0: the whole document stands for the item.
SELECT embedding FROM embeddings WHERE user_id = :tenant AND item_id = :itemId AND model = :model AND part = 0
