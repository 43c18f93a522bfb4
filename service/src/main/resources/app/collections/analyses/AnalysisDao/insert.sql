INSERT INTO analyses (id, user_id, item_id, version, provider, model,
                      category, subcategories, headline, summary, raw)
SELECT :a.id, :tenant, :a.itemId, coalesce(max(version), 0) + 1, :a.provider, :a.model,
       :a.category, :a.subcategoryArray, :a.headline, :a.summary, CAST(:a.rawJson AS jsonb)
FROM analyses
WHERE user_id = :tenant AND item_id = :a.itemId
RETURNING version
