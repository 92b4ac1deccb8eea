-- POST /api/integrations/users: UserService.create, one INSERT in a transaction (the triggers
-- of the schema run as they do for the server). Unique ids and emails from a sequence;
-- run.sh deletes these rows afterwards (email domain pgbench.bench.example.com).
\set r random(1, 999999)
BEGIN;
INSERT INTO users (id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at) SELECT 'user-pgb' || lpad(s::text, 23, '0'), 'Bench User ' || :r, 'Bench', 'User ' || :r, 'pgb' || s || '@pgbench.bench.example.com', '+6012-3456789', NULL, 'customer', now(), now() FROM nextval('bench.pgbench_seq') s;
COMMIT;
