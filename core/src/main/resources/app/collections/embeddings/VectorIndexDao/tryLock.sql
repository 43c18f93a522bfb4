-- One builder per index name across every process: a session-level advisory lock on the name's hash,
-- held on this connection until unlock (or until the connection closes). False when another holds it.
SELECT pg_try_advisory_lock(hashtext(:name))
