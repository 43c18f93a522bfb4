DELETE FROM postings WHERE user_id = :tenant AND item_id = :itemId
