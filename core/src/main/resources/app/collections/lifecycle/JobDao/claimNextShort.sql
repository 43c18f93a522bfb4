-- The oldest runnable short job (derived images, an embedding: a tenth of a second at most), never
-- an analysis: what the short-jobs worker claims, so a new upload's thumbnail does not wait for a
-- worker to come back from a model call (seconds; minutes when a provider is slow).
UPDATE jobs
SET status = 'RUNNING', attempts = attempts + 1,
    locked_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
WHERE id = (
    SELECT id FROM jobs
    WHERE kind <> 'ANALYZE'
      AND ((status = 'QUEUED' AND run_after <= now())
           OR (status = 'RUNNING' AND locked_until < now()))
    ORDER BY run_after
    LIMIT 1
    FOR UPDATE SKIP LOCKED)
RETURNING id, user_id, item_id, kind, status, provider, model, attempts, max_attempts, last_error, run_after
