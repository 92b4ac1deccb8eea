-- GET /api/integrations/users/{id}: UserService.get (jdbi.withHandle, autocommit: no
-- transaction), UserRepository.find + memberships. A random existing user: row number n -> id
-- through bench.user_ids (one extra primary-key probe inside each statement, no extra round
-- trip). Variables: -D users=N.
\set n random(1, :users)
SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE id = (SELECT id FROM bench.user_ids WHERE n = :n);
SELECT id, organization_id, role, created_at FROM memberships WHERE user_id = (SELECT id FROM bench.user_ids WHERE n = :n) ORDER BY created_at, id;
