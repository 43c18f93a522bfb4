-- An analysis version as the prototype stored it: its id, version, provider, model and time, and the
-- reply's text byte for byte in raw_reply. A taken id or version inserts nothing.
INSERT INTO analyses (id, user_id, item_id, version, provider, model, category, subcategories,
                      headline, summary, raw, raw_reply, created_at)
VALUES (:a.id, :tenant, :a.itemId, :a.version, :a.provider, :a.model, :a.category, :a.subcategoryArray,
        :a.headline, :a.summary, CAST(:a.rawJson AS jsonb), :a.rawReply, :a.createdAt)
ON CONFLICT DO NOTHING
