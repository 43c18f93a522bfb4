-- READY once the newest analysis is embedded too: only an item whose analysis is stored
-- (ANALYZING), or whose embedding had failed for good (reindex embeds it later), and that no newer
-- analysis is queued or running for (that one's own embedding follows).
UPDATE items
-- updated_at stays: it moved when the analysis was stored, and an imported item keeps its own.
SET status = 'READY', last_error = NULL
WHERE user_id = :tenant AND id = :id
  AND (status = 'ANALYZING' OR (status = 'FAILED' AND last_error LIKE 'Embedding failed%'))
  AND NOT EXISTS (
      SELECT 1 FROM jobs
      WHERE jobs.user_id = :tenant AND jobs.item_id = :id AND jobs.kind = 'ANALYZE'
        AND jobs.status IN ('QUEUED', 'RUNNING'))
