INSERT INTO jobs (id, user_id, item_id, kind, provider, model, max_attempts)
SELECT :id, :tenant, :itemId, :kind, :provider, :model, :maxAttempts
WHERE EXISTS (SELECT 1 FROM items WHERE user_id = :tenant AND id = :itemId)
ON CONFLICT (user_id, item_id, kind) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING
