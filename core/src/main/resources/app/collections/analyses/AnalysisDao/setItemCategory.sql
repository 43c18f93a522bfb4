UPDATE items
SET category = :category, updated_at = now()
WHERE user_id = :tenant AND id = :itemId
