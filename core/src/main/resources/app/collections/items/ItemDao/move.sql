-- A Transition (lifecycle/Transition.java): the new status only from the statuses it may change
-- from, so a late or repeated job never moves an item backwards.
UPDATE items
SET status = :to, last_error = :lastError, updated_at = now()
WHERE user_id = :tenant AND id = :id AND status = ANY(:from)
