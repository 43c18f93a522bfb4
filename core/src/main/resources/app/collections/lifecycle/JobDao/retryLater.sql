UPDATE jobs
SET status = 'QUEUED', locked_until = NULL, last_error = :error,
    run_after = now() + make_interval(secs => :delayMillis / 1000.0), updated_at = now()
WHERE user_id = :tenant AND id = :id
