-- GET /api/integrations/users/{id}: UserService.get (jdbi.withHandle, autocommit: no
-- transaction), UserRepository.findDetails: the user and their memberships in one statement.
-- A random existing user: row number n -> id through bench.user_ids (one extra primary-key
-- probe inside the statement, no extra round trip). Variables: -D users=N.
\set n random(1, :users)
SELECT u.id, u.name, u.first_name, u.last_name, u.email, u.phone, u.dob, u.role, u.created_at, u.updated_at, m.id AS membership_id, m.organization_id, m.role AS membership_role, m.created_at AS membership_created_at FROM users u LEFT JOIN memberships m ON m.user_id = u.id WHERE u.id = (SELECT id FROM bench.user_ids WHERE n = :n) ORDER BY m.created_at, m.id;
