-- A chunk's raw text, copied in, then tokenised once (terms) for both the documents and the postings.
-- Temporary and dropped at commit: nothing of them outlives the load's transaction.
CREATE TEMP TABLE IF NOT EXISTS bench_fields (item_id uuid NOT NULL, text text NOT NULL, weight float8 NOT NULL)
    ON COMMIT DROP;
CREATE TEMP TABLE IF NOT EXISTS bench_bodies (item_id uuid NOT NULL, body text NOT NULL, gist text NOT NULL)
    ON COMMIT DROP;
CREATE TEMP TABLE IF NOT EXISTS bench_terms (item_id uuid NOT NULL, lexeme text NOT NULL, tf float8 NOT NULL)
    ON COMMIT DROP;
