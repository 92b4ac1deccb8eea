-- GET /api/integrations/organizations/{id}: OrganizationService.get (withHandle): the row, the
-- tier catalogue, the first 100 members with their users (OrganizationRepository.find,
-- summarise, members). Variables: -D orgs=N.
\set n random(1, :orgs)
SELECT id, name, slug, logo, premium_tier_id, member_count, created_at, updated_at FROM organizations WHERE id = (SELECT id FROM bench.org_ids WHERE n = :n);
SELECT id, name, features, max_users, max_storage, api_calls_per_month FROM premium_tiers ORDER BY position;
SELECT m.id, m.user_id, m.role, u.name AS user_name, u.email AS user_email, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = (SELECT id FROM bench.org_ids WHERE n = :n) ORDER BY m.created_at, m.id LIMIT 100 OFFSET 0;
