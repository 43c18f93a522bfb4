SELECT documents FROM corpus_stats WHERE user_id = :tenant
