-- The slug of the form named by its slug or, when no slug matches, by its id.
SELECT slug
FROM forms
WHERE slug = :ref
   OR id = :id
ORDER BY slug = :ref DESC
LIMIT 1
