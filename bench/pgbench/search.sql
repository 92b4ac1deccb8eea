-- GET /api/integrations/users?query=<3..10 characters of a real name or email>: UserService.list
-- (withHandle): exact count through the trigram indexes, then the page; with at most
-- FEW_MATCHES (20,000) matches the page sorts the materialised matches, otherwise it walks the
-- order index (UserRepository.pageSql). The term's pattern (escaped '%term%', as the server
-- binds it) is read first from bench.search_terms: one extra primary-key round trip.
-- Needs -M prepared (or extended): :pattern is sent as a bind parameter. Variables: -D search_terms=N.
\set k random(1, :search_terms)
SELECT pattern FROM bench.search_terms WHERE k = :k \gset
SELECT count(*) AS total FROM users WHERE (name ILIKE :pattern OR email ILIKE :pattern) \gset
\if :total <= 20000
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE (name ILIKE :pattern OR email ILIKE :pattern)) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\else
SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE (name ILIKE :pattern OR email ILIKE :pattern) ORDER BY created_at, id LIMIT 10 OFFSET 0;
\endif
