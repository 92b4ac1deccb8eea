-- PUT /api/integrations/users/{id} with one field (phone): UserService.update, one transaction:
-- lock the row, write it, read the memberships for the answer. Variables: -D users=N.
\set n random(1, :users)
\set p random(1000000, 9999999)
BEGIN;
SELECT id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at FROM users WHERE id = (SELECT id FROM bench.user_ids WHERE n = :n) FOR UPDATE;
UPDATE users SET name = name, first_name = first_name, last_name = last_name, email = email, phone = '+6013-' || :p, dob = dob, role = role, updated_at = now() WHERE id = (SELECT id FROM bench.user_ids WHERE n = :n);
SELECT id, organization_id, role, created_at FROM memberships WHERE user_id = (SELECT id FROM bench.user_ids WHERE n = :n) ORDER BY created_at, id;
COMMIT;
