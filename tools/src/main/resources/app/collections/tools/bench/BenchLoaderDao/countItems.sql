SELECT count(*) FROM items WHERE user_id = :tenant
