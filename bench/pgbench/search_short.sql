-- GET /api/integrations/users?query=<1..2 characters>: UserService.list (withHandle), UserRepository.knownCount: the total
-- the database keeps per gram (migration V4, gram_counts), then UserRepository.page: through the
-- index of grams, materialised and sorted, or walking the order index (at most walkBound users)
-- when that costs less (walksOrderIndex); no page query when nothing matches. The term is read
-- first from bench.short_terms (one extra round trip). Needs -M prepared (or extended).
-- Variables: -D short_terms=N.
\set k random(1, :short_terms)
SELECT term AS search FROM bench.short_terms WHERE k = :k \gset
SELECT coalesce((SELECT total FROM gram_counts WHERE gram = lower(:search)), 0) AS total, (SELECT total FROM row_counts WHERE table_name = 'users') AS population \gset
\if :total = 0
\elif 6 * :total * :total > 10 * :population
\set walk (3 * 10 * :population + :total - 1) / :total
SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at, search_text FROM users ORDER BY created_at, id LIMIT :walk) AS users WHERE strpos(search_text, (SELECT lower(:search))) > 0 LIMIT 10 OFFSET 0;
\else
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> ARRAY[lower(:search)]) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\endif
