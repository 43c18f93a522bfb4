SELECT body FROM documents WHERE user_id = :tenant AND item_id = :itemId
