-- GET /api/integrations/users?query=<1..2 characters>: UserService.list (withHandle), UserRepository.knownCount: the total
-- the database keeps per gram (migration V4, gram_counts), then the page through the index of
-- grams, materialised and sorted, or walking the order index when that visits fewer users
-- (UserRepository.pageSql, walksOrderIndex); no page query when nothing matches. The term
-- (letters only, so its pattern is '%term%') is read first from bench.short_terms (one extra
-- round trip). Needs -M prepared (or extended). Variables: -D short_terms=N.
\set k random(1, :short_terms)
SELECT term AS search, '%' || term || '%' AS pattern FROM bench.short_terms WHERE k = :k \gset
SELECT coalesce((SELECT total FROM gram_counts WHERE gram = lower(:search)), 0) AS total, (SELECT total FROM row_counts WHERE table_name = 'users') AS population \gset
\if :total = 0
\elif :total * :total > 10 * :population
SELECT * FROM (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users ORDER BY created_at, id OFFSET 0) AS users WHERE (name ILIKE :pattern OR email ILIKE :pattern) LIMIT 10 OFFSET 0;
\else
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> ARRAY[lower(:search)]) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\endif
