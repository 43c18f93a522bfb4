UPDATE jobs SET status = 'DONE', locked_until = NULL, last_error = NULL, updated_at = now()
WHERE user_id = :tenant AND id = :id
