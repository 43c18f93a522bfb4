-- Drops the tenant's buckets (RateLimiter.forget: the SnapStart priming tenant's), by the primary key.
DELETE FROM rate_limit_buckets WHERE user_id = :tenant
