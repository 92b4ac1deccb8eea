-- GET /api/integrations/organizations/{id}: OrganizationService.get (withHandle): the row with
-- its premium tier in one statement, then the first 100 members with their users
-- (OrganizationRepository.findSummary, members). Variables: -D orgs=N.
\set n random(1, :orgs)
SELECT o.id, o.name, o.slug, o.logo, o.premium_tier_id, o.member_count, o.created_at, o.updated_at, t.id AS tier_id, t.name AS tier_name, t.features AS tier_features, t.max_users AS tier_max_users, t.max_storage AS tier_max_storage, t.api_calls_per_month AS tier_api_calls_per_month FROM organizations o LEFT JOIN premium_tiers t ON t.id = o.premium_tier_id WHERE o.id = (SELECT id FROM bench.org_ids WHERE n = :n);
SELECT m.id, m.user_id, m.role, u.name AS user_name, u.email AS user_email, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = (SELECT id FROM bench.org_ids WHERE n = :n) ORDER BY m.created_at, m.id LIMIT 100 OFFSET 0;
