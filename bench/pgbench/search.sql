-- GET /api/integrations/users?query=<3..10 characters of a real name or email>: UserService.list
-- (withHandle), UserRepository.knownCount, then pageSql or countedPage. For three characters
-- the exact total is the kept count of that gram (migration V4, gram_counts), and for more the
-- kept total of the term in search_counts (migration V5; the table holds the terms the server's
-- own search runs made it keep). With a total, the page walks the order index or sorts the
-- materialised matches, whichever visits fewer users (walksOrderIndex), and is not fetched when
-- nothing matches. A longer term without a kept total is counted and paged in one statement
-- that finds its matches through the index of grams once (asking it for the pieces migration V6
-- picks). The term, its pattern (escaped '%term%', as the server binds it) and whether it is a
-- gram are read first from bench.search_terms: one extra primary-key round trip. Needs
-- -M prepared (or extended): the term travels as a bind parameter.
-- Variables: -D search_terms=N.
\set k random(1, :search_terms)
SELECT term AS search, pattern, (length(term) <= 3)::int AS gram FROM bench.search_terms WHERE k = :k \gset
\if :gram = 1
SELECT coalesce((SELECT total FROM gram_counts WHERE gram = lower(:search)), 0) AS total, (SELECT total FROM row_counts WHERE table_name = 'users') AS population \gset
\else
SELECT coalesce((SELECT total FROM search_counts WHERE term = lower(:search) AND NOT pending), -1) AS total, (SELECT total FROM row_counts WHERE table_name = 'users') AS population \gset
\endif
\if :total < 0
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> search_index_pieces(:search) AND (name ILIKE :pattern OR email ILIKE :pattern)) SELECT counted.total, page.* FROM (SELECT count(*) AS total FROM matches) AS counted LEFT JOIN LATERAL (SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0) AS page ON true ORDER BY page.created_at, page.id;
\elif :total = 0
\elif :total * :total > 10 * :population
SELECT * FROM (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users ORDER BY created_at, id OFFSET 0) AS users WHERE (name ILIKE :pattern OR email ILIKE :pattern) LIMIT 10 OFFSET 0;
\elif :gram = 1
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> ARRAY[lower(:search)]) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\else
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> search_index_pieces(:search) AND (name ILIKE :pattern OR email ILIKE :pattern)) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\endif
