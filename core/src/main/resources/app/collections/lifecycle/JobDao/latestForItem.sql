SELECT id, user_id, item_id, kind, status, provider, model, attempts, max_attempts, last_error, run_after
FROM jobs
WHERE user_id = :tenant AND item_id = :itemId AND kind = 'ANALYZE'
ORDER BY created_at DESC
LIMIT 1
