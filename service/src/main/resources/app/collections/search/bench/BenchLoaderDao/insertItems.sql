INSERT INTO items (id, user_id, filename, original_filename, content_type, byte_size, width, height, status, category,
                   created_at, updated_at)
SELECT id, :tenant, id || '.jpg', id || '.jpg', 'image/jpeg', 150000, 589, 1280, 'READY', category,
       now() - make_interval(secs => age), now()
FROM unnest(CAST(:ids AS uuid[]), CAST(:categories AS text[]), CAST(:ages AS float8[])) AS t(id, category, age)
