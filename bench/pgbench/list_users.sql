-- GET /api/integrations/users?page=1&per_page=10: UserService.list (withHandle): the total the
-- database keeps (migration V2, row_counts), then the page: ids from the (created_at, id) index,
-- then those rows (UserRepository.page, no filter).
SELECT total, total AS population FROM row_counts WHERE table_name = 'users';
SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users JOIN (SELECT id FROM users ORDER BY created_at, id LIMIT 10 OFFSET 0) AS page USING (id) ORDER BY created_at, id;
