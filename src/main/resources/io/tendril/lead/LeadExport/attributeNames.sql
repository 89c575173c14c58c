-- The attribute names of the exported leads, sorted: one CSV column each.
SELECT DISTINCT k.attribute
FROM leads l, jsonb_object_keys(l.attributes) AS k(attribute)
WHERE l.status <> 'erased'
  AND (CAST(:status AS text) IS NULL OR l.status = :status)
  AND (CAST(:stage AS text) IS NULL OR l.stage = :stage)
  AND (CAST(:tag AS text) IS NULL OR l.tags @> ARRAY[CAST(:tag AS text)])
ORDER BY k.attribute
