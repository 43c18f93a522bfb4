SELECT id, item_id, raw_reply
FROM analyses
WHERE user_id = :tenant AND id = ANY(:ids)
