UPDATE items
SET status = :status, last_error = :lastError, updated_at = now()
WHERE user_id = :tenant AND id = :id
