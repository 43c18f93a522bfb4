UPDATE uploads SET item_id = :itemId, completed_at = now()
WHERE user_id = :tenant AND id = :id AND completed_at IS NULL
