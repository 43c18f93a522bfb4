-- The item's next runnable job, its derived images before its analysis (which reads the preview).
UPDATE jobs
SET status = 'RUNNING', attempts = attempts + 1,
    locked_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
WHERE user_id = :tenant AND id = (
    SELECT id FROM jobs
    WHERE user_id = :tenant AND item_id = :itemId
      AND ((status = 'QUEUED' AND run_after <= now()) OR (status = 'RUNNING' AND locked_until < now()))
    ORDER BY kind = 'DERIVE' DESC, run_after
    LIMIT 1
    FOR UPDATE SKIP LOCKED)
RETURNING id, user_id, item_id, kind, status, provider, model, attempts, max_attempts, last_error, run_after
