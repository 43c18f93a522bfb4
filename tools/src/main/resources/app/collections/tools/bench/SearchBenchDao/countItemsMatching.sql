SELECT count(DISTINCT item_id) FROM postings
WHERE user_id = :tenant AND lexeme IN (SELECT lexeme FROM unnest(to_tsvector('english', :words)))
