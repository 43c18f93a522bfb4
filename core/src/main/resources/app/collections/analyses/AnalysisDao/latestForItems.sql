SELECT DISTINCT ON (item_id) id, item_id, version, provider, model, category, subcategories, headline, summary, raw, created_at
FROM analyses
WHERE user_id = :tenant AND item_id = ANY(:itemIds)
ORDER BY item_id, version DESC
