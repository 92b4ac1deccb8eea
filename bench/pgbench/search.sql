-- GET /api/integrations/users?query=<3..10 characters of a real name or email>: UserService.list
-- (withHandle), UserRepository.count and pageSql. The exact total: for three characters, the
-- kept count of that gram (migration V4, gram_counts); for more, the kept total of the term in
-- search_counts (migration V5; the table holds the terms the server's own search runs made it
-- keep), otherwise counted through the index of grams (asking it for the pieces that migration
-- V6 picks). Then the page: walking the order index or sorting the materialised matches, whichever visits fewer users (walksOrderIndex); no page
-- query when nothing matches. The term, its pattern (escaped '%term%', as the server binds it)
-- and whether it is a gram are read first from bench.search_terms: one extra primary-key round
-- trip. Needs -M prepared (or extended): the term travels as a bind parameter.
-- Variables: -D search_terms=N.
\set k random(1, :search_terms)
SELECT term AS search, pattern, (length(term) <= 3)::int AS gram FROM bench.search_terms WHERE k = :k \gset
\if :gram = 1
SELECT coalesce((SELECT total FROM gram_counts WHERE gram = lower(:search)), 0) AS total, (SELECT total FROM row_counts WHERE table_name = 'users') AS population, false AS counted \gset
\else
SELECT coalesce(kept.total, (SELECT count(*) FROM users WHERE grams @> search_index_pieces(:search) AND (name ILIKE :pattern OR email ILIKE :pattern))) AS total, (SELECT total FROM row_counts WHERE table_name = 'users') AS population, kept.total IS NULL AS counted FROM (SELECT (SELECT total FROM search_counts WHERE term = lower(:search) AND NOT pending) AS total) AS kept \gset
\endif
\if :total = 0
\elif :total * :total > 10 * :population
SELECT * FROM (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users ORDER BY created_at, id OFFSET 0) AS users WHERE (name ILIKE :pattern OR email ILIKE :pattern) LIMIT 10 OFFSET 0;
\elif :gram = 1
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> ARRAY[lower(:search)]) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\else
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> search_index_pieces(:search) AND (name ILIKE :pattern OR email ILIKE :pattern)) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\endif
