-- The oldest runnable job: queued and due, or running with an expired lease (its worker died).
-- The short jobs first: an embedding (milliseconds) makes its item READY, and derived images (a
-- tenth of a second) show a new upload's picture, so neither waits behind the whole backlog of
-- analyses (seconds each) queued before it.
UPDATE jobs
SET status = 'RUNNING', attempts = attempts + 1,
    locked_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
WHERE id = (
    SELECT id FROM jobs
    WHERE (status = 'QUEUED' AND run_after <= now())
       OR (status = 'RUNNING' AND locked_until < now())
    ORDER BY kind = 'ANALYZE', run_after
    LIMIT 1
    FOR UPDATE SKIP LOCKED)
RETURNING id, user_id, item_id, kind, status, provider, model, attempts, max_attempts, last_error, run_after
