TRUNCATE bench_fields, bench_bodies, bench_terms
