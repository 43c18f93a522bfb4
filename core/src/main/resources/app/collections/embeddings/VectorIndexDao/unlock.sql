-- Releases tryLock's advisory lock; must run on the connection that took it.
SELECT pg_advisory_unlock(hashtext(:name))
