SELECT id FROM items WHERE user_id = :tenant ORDER BY id
