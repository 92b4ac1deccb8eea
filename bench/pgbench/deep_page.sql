-- GET /api/integrations/users?page=5000&per_page=100: as list_users.sql with OFFSET 499900.
SELECT total, total AS population FROM row_counts WHERE table_name = 'users';
SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users JOIN (SELECT id FROM users ORDER BY created_at, id LIMIT 100 OFFSET 499900) AS page USING (id) ORDER BY created_at, id;
