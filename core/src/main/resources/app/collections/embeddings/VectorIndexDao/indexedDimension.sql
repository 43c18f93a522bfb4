SELECT dimension FROM vector_indexes WHERE user_id = :tenant AND model = :model
