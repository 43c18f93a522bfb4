SELECT id, version, raw_reply
FROM analyses
WHERE user_id = :tenant AND item_id = :itemId
ORDER BY version
