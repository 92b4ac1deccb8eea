-- GET /api/integrations/users?query=<3..10 characters of a real name or email>: UserService.list
-- (withHandle), UserRepository.knownCount, then page or countedPage. For three characters the
-- exact total is the kept count of that gram (migration V4, gram_counts), and for more the
-- kept total of the term in search_counts (migration V5; the table holds the terms the server's
-- own search runs made it keep). With a total, the page walks the order index (at most
-- walkBound users) or sorts the materialised matches, whichever costs less (walksOrderIndex),
-- and is not fetched when nothing matches; the server sorts the matches after all when a walk
-- ends short of the page, which the evenly spread benchmark data never makes it do. A longer
-- term without a kept total is counted and paged in one statement that finds its matches
-- through the index of grams once (asking it for the pieces migration V6 picks). The term and
-- whether it is a gram are read first from bench.search_terms: one extra primary-key round
-- trip. Needs -M prepared (or extended): the term travels as a bind parameter.
-- Variables: -D search_terms=N.
\set k random(1, :search_terms)
SELECT term AS search, (length(term) <= 3)::int AS gram FROM bench.search_terms WHERE k = :k \gset
\if :gram = 1
SELECT coalesce((SELECT total FROM gram_counts WHERE gram = lower(:search)), 0) AS total, (SELECT total FROM row_counts WHERE table_name = 'users') AS population \gset
\else
SELECT coalesce((SELECT total FROM search_counts WHERE term = lower(:search) AND NOT pending), -1) AS total, (SELECT total FROM row_counts WHERE table_name = 'users') AS population \gset
\endif
\if :total < 0
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> (SELECT search_index_pieces(:search)) AND strpos(search_text, (SELECT lower(:search))) > 0) SELECT counted.total, page.* FROM (SELECT count(*) AS total FROM matches) AS counted LEFT JOIN LATERAL (SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0) AS page ON true ORDER BY page.created_at, page.id;
\elif :total = 0
\elif 6 * :total * :total > 10 * :population
\set walk (3 * 10 * :population + :total - 1) / :total
SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at, search_text FROM users ORDER BY created_at, id LIMIT :walk) AS users WHERE strpos(search_text, (SELECT lower(:search))) > 0 LIMIT 10 OFFSET 0;
\elif :gram = 1
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> ARRAY[lower(:search)]) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\else
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> (SELECT search_index_pieces(:search)) AND strpos(search_text, (SELECT lower(:search))) > 0) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\endif
