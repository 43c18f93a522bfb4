-- Pins vectorIndexed's plan to the tenant's own partial HNSW index, for this transaction only:
-- no sequential scan or sort of its rows (stale statistics, or a raised ef_search, can make an exact
-- scan look cheaper: 206 ms measured), iterative scan as the safety net for filters. The disabled
-- plan types cost 10^10 each, which would make PostgreSQL JIT-compile the query (160 ms measured,
-- for a 2 ms search): so no JIT.
-- set_config(..., true) is SET LOCAL: a session setting would leak to the next request on this
-- pooled connection. One SELECT sets all five: one round trip.
SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true),
       set_config('jit', 'off', true),
       set_config('hnsw.iterative_scan', 'relaxed_order', true),
       set_config('hnsw.ef_search', CAST(:efSearch AS text), true)
