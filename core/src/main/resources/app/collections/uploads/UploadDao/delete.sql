DELETE FROM uploads WHERE user_id = :tenant AND id = :id AND completed_at IS NULL
