-- Per-tenant token buckets (requests, searches, model calls), shared by every Lambda container:
-- one row per tenant, refilled and taken from by one atomic upsert (RateLimitDao.take), so
-- concurrent containers serialise on the row and cannot spend more than the burst between them.
--
-- UNLOGGED: a take then commits without waiting for a WAL flush, 0.42 ms a take instead of 5.7 ms
-- (pgbench, one client, 10,000 tenants; docs/benchmarks.md). The price: after a crash or a failover
-- the table is empty and every user starts again with full buckets, which a rate limit can afford.
CREATE UNLOGGED TABLE rate_limit_buckets (
    user_id             text             PRIMARY KEY,
    requests            double precision NOT NULL,
    searches            double precision NOT NULL,
    model_calls         double precision NOT NULL,
    refilled_at         timestamptz      NOT NULL,
    -- What the last take granted. PostgreSQL 15's RETURNING sees only the new row, and the new
    -- token counts alone cannot tell "took 2 of 3" from "refused with 1 left".
    requests_granted    boolean          NOT NULL,
    searches_granted    boolean          NOT NULL,
    model_calls_granted boolean          NOT NULL
);
