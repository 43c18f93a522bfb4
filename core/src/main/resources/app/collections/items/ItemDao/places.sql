-- The places facet: the tenant's geotagged items by place ("City, Country", as Location.place and
-- the place filter spell it), largest first.
SELECT CASE WHEN lower(location_city) = lower(location_country) THEN location_city
            ELSE coalesce(location_city || ', ' || location_country, location_city, location_country) END AS name,
       count(*) AS count
FROM items
WHERE user_id = :tenant AND (location_city IS NOT NULL OR location_country IS NOT NULL)
GROUP BY 1
ORDER BY count(*) DESC, 1
