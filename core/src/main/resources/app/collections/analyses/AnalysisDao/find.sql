SELECT id, item_id, version, provider, model, category, subcategories, headline, summary, raw, created_at
FROM analyses
WHERE user_id = :tenant AND id = :id
