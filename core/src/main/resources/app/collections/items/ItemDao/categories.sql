SELECT category AS name, count(*) AS count
FROM items
WHERE user_id = :tenant AND category IS NOT NULL
GROUP BY category
ORDER BY count(*) DESC, category
