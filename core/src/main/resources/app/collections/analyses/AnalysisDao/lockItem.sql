SELECT id FROM items WHERE user_id = :tenant AND id = :itemId FOR UPDATE
