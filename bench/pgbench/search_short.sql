-- GET /api/integrations/users?query=<1..2 characters>: UserService.list (withHandle): the total
-- the database keeps per one/two-character gram (migration V3, short_gram_counts), then the page
-- through the short_grams GIN index, materialised and sorted when there are at most FEW_MATCHES
-- (20,000) matches. The term is read first from bench.short_terms (one extra round trip).
-- Needs -M prepared (or extended). Variables: -D short_terms=N.
\set k random(1, :short_terms)
SELECT term AS search FROM bench.short_terms WHERE k = :k \gset
SELECT coalesce((SELECT total FROM short_gram_counts WHERE gram = lower(:search)), 0) AS total \gset
\if :total <= 20000
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE short_grams @> ARRAY[lower(:search)]) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\else
SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE short_grams @> ARRAY[lower(:search)] ORDER BY created_at, id LIMIT 10 OFFSET 0;
\endif
