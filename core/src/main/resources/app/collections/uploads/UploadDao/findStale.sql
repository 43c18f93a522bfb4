-- Uploads past their URL's expiry (plus a grace period) that nobody completed.
SELECT user_id, id
FROM uploads
WHERE completed_at IS NULL AND expires_at < now() - make_interval(secs => :graceSeconds)
ORDER BY expires_at
LIMIT :limit
