INSERT INTO analyses (id, user_id, item_id, version, provider, model, category, subcategories,
                      headline, summary, raw, raw_reply, input_tokens, output_tokens, latency_ms)
SELECT :a.id, :tenant, :a.itemId, coalesce(max(version), 0) + 1, :a.provider, :a.model,
       :a.category, :a.subcategoryArray, :a.headline, :a.summary, CAST(:a.rawJson AS jsonb),
       :a.rawReply, :a.inputTokens, :a.outputTokens, :a.latencyMs
FROM analyses
WHERE user_id = :tenant AND item_id = :a.itemId
RETURNING version
