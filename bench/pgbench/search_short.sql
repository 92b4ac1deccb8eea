-- GET /api/integrations/users?query=<1..2 characters>: UserSearch.list (withHandle),
-- UserSearchRepository.known: the lower-cased term and its exact total (every gram's base of
-- V18 plus the log rows not folded yet), then UserSearchRepository.page: through the index of
-- grams, materialised and sorted, or walking the order index (at most walkBound users, from the
-- index alone: V22) when that costs less (walksOrderIndex); no page query when nothing
-- matches. The term is read first from bench.short_terms (one extra round trip). Needs
-- -M prepared (or extended).
-- Variables: -D short_terms=N.
\set k random(1, :short_terms)
SELECT term AS search FROM bench.short_terms WHERE k = :k \gset
WITH asked AS MATERIALIZED (SELECT lower(CAST(:search AS text)) AS term), pending AS MATERIALIZED (SELECT delta, search_text, created_at, id FROM user_search_changes WHERE xid >= (SELECT folded_below FROM user_search_watermark)) SELECT asked.term, (coalesce((SELECT total FROM user_search_totals t WHERE t.term = asked.term), CASE WHEN length(asked.term) <= 3 THEN 0 END) + (SELECT coalesce(sum(delta), 0) FROM pending WHERE user_matches(pending.search_text, asked.term))) AS total, (SELECT total FROM user_search_totals WHERE term = '') + (SELECT coalesce(sum(delta), 0) FROM pending) AS population FROM asked \gset
\if :total = 0
\elif 15 * :total * :total > 10 * :population
\set walk (3 * 10 * :population + :total - 1) / :total
SELECT users.id, users.name, users.first_name, users.last_name, users.email, users.phone, users.dob, users.role, users.created_at, users.updated_at FROM (SELECT id, created_at FROM (SELECT id, created_at, search_text FROM users ORDER BY created_at, id LIMIT :walk) AS walked WHERE user_matches(search_text, :term) ORDER BY created_at, id LIMIT 10 OFFSET 0) AS page JOIN users USING (id) ORDER BY page.created_at, page.id;
\else
WITH matches AS MATERIALIZED (SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE grams @> ARRAY[CAST(:term AS text)] AND user_matches(search_text, :term)) SELECT * FROM matches ORDER BY created_at, id LIMIT 10 OFFSET 0;
\endif
