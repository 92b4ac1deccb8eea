package my.invois.testing;

import org.jdbi.v3.core.statement.SqlStatements;

/** 300 users each in 100 organizations (30,000 memberships), analysed: enough rows that a scan shows in a plan. */
public final class MembershipFill {

    public static final String USER = "user-" + "0".repeat(25) + "7";

    private MembershipFill() {
    }

    public static void fill() {
        TestDatabase.clear();
        TestDatabase.bulk(
                "INSERT INTO users (id, name, email, role, created_at, updated_at) "
                        + "SELECT 'user-' || lpad(n::text, 26, '0'), 'Person ' || n, 'p' || n || '@example.com', 'customer', "
                        + "now() - n * interval '1 minute', now() FROM generate_series(1, 300) AS n",
                "INSERT INTO organizations (id, name, slug, created_at, updated_at) "
                        + "SELECT 'org-' || lpad(n::text, 26, '0'), 'Shop ' || n, 'shop-' || n, now(), now() FROM generate_series(1, 100) AS n",
                "INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at) "
                        + "SELECT 'member-' || lpad((u * 1000 + o)::text, 26, '0'), 'org-' || lpad(o::text, 26, '0'), "
                        + "'user-' || lpad(u::text, 26, '0'), 'customer', now() - o * interval '1 second', now() "
                        + "FROM generate_series(1, 300) AS u, generate_series(1, 100) AS o",
                "ANALYZE users", "ANALYZE organizations", "ANALYZE memberships");
    }

    /** EXPLAIN of a statement about {@link #USER}, whichever of the user's parameters it names. */
    public static String plan(String sql) {
        return TestDatabase.get().jdbi().withHandle(handle -> {
            handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
            return String.join("\n", handle.createQuery("EXPLAIN " + sql)
                    .bind("id", USER).bind("userId", USER).bind("limit", 1000).bind("offset", 0L)
                    .mapTo(String.class).list());
        });
    }
}
