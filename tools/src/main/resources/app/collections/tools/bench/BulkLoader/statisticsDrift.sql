-- Rows where the trigger-kept statistics differ from a recount of the postings and documents
-- themselves: 0 when the statement-level triggers kept them exact through the bulk load. A tenant
-- whose documents were all deleted keeps a corpus_stats row of zeros, which is exact too.
SELECT
  (SELECT count(*) FROM term_stats s
   FULL JOIN (SELECT user_id, lexeme, count(*) AS df FROM postings GROUP BY user_id, lexeme) p
          ON p.user_id = s.user_id AND p.lexeme = s.lexeme
   WHERE s.df IS DISTINCT FROM p.df)
+ (SELECT count(*) FROM corpus_stats c
   FULL JOIN (SELECT user_id, count(*) AS n, sum(CAST(length AS float8)) AS len FROM documents GROUP BY user_id) d
          ON d.user_id = c.user_id
   WHERE coalesce(c.documents, 0) <> coalesce(d.n, 0)
      OR abs(coalesce(c.total_length, 0) - coalesce(d.len, 0)) > 1e-9 * greatest(coalesce(d.len, 0), 1))
