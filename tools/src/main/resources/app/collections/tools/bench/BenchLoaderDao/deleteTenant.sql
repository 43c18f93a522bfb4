DELETE FROM items WHERE user_id = :tenant
