SELECT status FROM sequences WHERE id = :id
