-- The oldest runnable job: queued and due, or running with an expired lease (its worker died).
-- Embeddings first: one takes milliseconds and makes its item READY, so an item is findable right
-- after its analysis instead of after the whole backlog of analyses (seconds each) queued before it.
UPDATE jobs
SET status = 'RUNNING', attempts = attempts + 1,
    locked_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
WHERE id = (
    SELECT id FROM jobs
    WHERE (status = 'QUEUED' AND run_after <= now())
       OR (status = 'RUNNING' AND locked_until < now())
    ORDER BY kind = 'EMBED' DESC, run_after
    LIMIT 1
    FOR UPDATE SKIP LOCKED)
RETURNING id, user_id, item_id, kind, status, provider, model, attempts, max_attempts, last_error, run_after
