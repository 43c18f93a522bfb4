SELECT body, gist FROM documents WHERE user_id = :tenant AND item_id = :itemId
