-- Back to the session's default: the value the pooled connection was opened with.
RESET statement_timeout
