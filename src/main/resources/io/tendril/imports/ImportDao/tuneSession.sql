-- An import's set-based statements each run once over many rows: JIT compilation took more
-- time than it saved, and the sorts and hashes of a large file spilled to disk at the default
-- work_mem of 4 MB. Both settings end with the import's transaction.
SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)
