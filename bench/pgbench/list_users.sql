-- GET /api/integrations/users?page=1&per_page=10: UserSearch.list (withHandle): the total of all
-- users (UserSearchRepository.known: the base total '' of migration V18 plus the log rows not
-- folded yet), then the page: ids from the (created_at, id) index, then those rows.
WITH asked AS MATERIALIZED (SELECT lower(CAST(NULL AS text)) AS term), pending AS MATERIALIZED (SELECT delta, search_text, created_at, id FROM user_search_changes WHERE xid >= (SELECT folded_below FROM user_search_watermark)) SELECT asked.term, (SELECT total FROM user_search_totals WHERE term = '') + (SELECT coalesce(sum(delta), 0) FROM pending) AS total, (SELECT total FROM user_search_totals WHERE term = '') + (SELECT coalesce(sum(delta), 0) FROM pending) AS population FROM asked;
SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users JOIN (SELECT id FROM users ORDER BY created_at, id LIMIT 10 OFFSET 0) AS page USING (id) ORDER BY created_at, id;
