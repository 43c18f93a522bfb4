UPDATE jobs SET status = 'FAILED', locked_until = NULL, last_error = :error, updated_at = now()
WHERE user_id = :tenant AND id = :id
