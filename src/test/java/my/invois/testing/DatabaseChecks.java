package my.invois.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import my.invois.users.UserSearch;
import org.jdbi.v3.core.Jdbi;

/** What the database holds, read directly: a checksum of every row, and the invariants of SPEC A4 and B. */
public final class DatabaseChecks {

    private static final String CHECKSUM = "SELECT md5(concat_ws('|', "
            + "(SELECT string_agg(u::text, ',' ORDER BY u.id) FROM users u), "
            + "(SELECT string_agg(o::text, ',' ORDER BY o.id) FROM organizations o), "
            + "(SELECT string_agg(m::text, ',' ORDER BY m.id) FROM memberships m), "
            + "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM premium_tiers t), "
            + "(SELECT string_agg(s::text, ',' ORDER BY s.organization_id) FROM einvoice_settings s), "
            + "(SELECT string_agg(p::text, ',' ORDER BY p.organization_id) FROM shops p), "
            + "(SELECT string_agg(w::text, ',' ORDER BY w.id) FROM shopify_webhook_deliveries w), "
            + "(SELECT string_agg(r::text, ',' ORDER BY r.organization_id, r.shopify_order_id) FROM orders r), "
            + "(SELECT string_agg(f::text, ',' ORDER BY f::text) FROM order_refunds f), "
            + "(SELECT string_agg(e::text, ',' ORDER BY e.id) FROM einvoices e), "
            + "(SELECT string_agg(x::text, ',' ORDER BY x::text) FROM einvoice_orders x), "
            + "(SELECT string_agg(c::text, ',' ORDER BY c.id) FROM einvoice_status_changes c), "
            + "(SELECT string_agg(n::text, ',' ORDER BY n::text) FROM einvoice_numbers n)))";

    /** Each query counts the rows that break one invariant; every count must be zero. */
    private static final Map<String, String> INVARIANTS = new LinkedHashMap<>();

    static {
        INVARIANTS.put("memberships without a user",
                "SELECT count(*) FROM memberships m WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.user_id)");
        INVARIANTS.put("memberships without an organization",
                "SELECT count(*) FROM memberships m WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = m.organization_id)");
        INVARIANTS.put("organizations whose memberCount is not the true total",
                "SELECT count(*) FROM organizations o WHERE o.member_count <> (SELECT count(*) FROM memberships m WHERE m.organization_id = o.id)");
        INVARIANTS.put("users holding two memberships of one organization",
                "SELECT count(*) FROM (SELECT 1 FROM memberships GROUP BY organization_id, user_id HAVING count(*) > 1) AS twice");
        INVARIANTS.put("emails not stored lower-cased",
                "SELECT count(*) FROM users WHERE email <> lower(email)");
        INVARIANTS.put("emails held by two users",
                "SELECT count(*) FROM (SELECT 1 FROM users GROUP BY lower(email) HAVING count(*) > 1) AS twice");
        INVARIANTS.put("slugs outside the rules of SPEC B2",
                "SELECT count(*) FROM organizations WHERE slug !~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'");
        INVARIANTS.put("e-invoices beyond draft without a document",
                "SELECT count(*) FROM einvoices WHERE status NOT IN ('draft', 'cancelled') AND document IS NULL");
        INVARIANTS.put("orders in two invoice-type e-invoices that are not cancelled",
                "SELECT count(*) FROM (SELECT 1 FROM einvoice_orders o JOIN einvoices e ON e.id = o.einvoice_id "
                        + "WHERE e.type = '01' AND e.status <> 'cancelled' GROUP BY o.organization_id, o.shopify_order_id "
                        + "HAVING count(*) > 1) AS twice");
        INVARIANTS.put("e-invoices whose status is not their last history row",
                "SELECT count(*) FROM einvoices e WHERE e.status IS DISTINCT FROM (SELECT c.to_status FROM einvoice_status_changes c "
                        + "WHERE c.einvoice_id = e.id ORDER BY c.id DESC LIMIT 1)");
        INVARIANTS.put("notes without an original of their organization",
                "SELECT count(*) FROM einvoices n WHERE n.type IN ('02', '03', '04') AND NOT n.consolidated AND NOT EXISTS "
                        + "(SELECT 1 FROM einvoices o WHERE o.id = n.original_id AND o.organization_id = n.organization_id)");
        INVARIANTS.put("rows updated before they were created",
                "SELECT (SELECT count(*) FROM users WHERE updated_at < created_at)"
                        + " + (SELECT count(*) FROM organizations WHERE updated_at < created_at)"
                        + " + (SELECT count(*) FROM memberships WHERE updated_at < created_at)");
    }

    private DatabaseChecks() {
    }

    /**
     * The checksum, recomputed only when a transaction id has been used since the last look:
     * a request that wrote nothing (or only read) used none, so the checksum cannot have moved.
     * Keeps fuzzing at thousands of requests a minute on a growing database.
     */
    public static final class Watch {

        private long nextTransaction = -1;
        private String checksum;

        public String checksum() {
            long next = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint").mapTo(Long.class).one());
            if (next != nextTransaction) {
                checksum = DatabaseChecks.checksum();
                nextTransaction = next;
            }
            return checksum;
        }
    }

    /** Changes whenever any row of any table changes. */
    public static String checksum() {
        return checksum(TestDatabase.get().jdbi());
    }

    public static String checksum(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery(CHECKSUM).mapTo(String.class).one());
    }

    /**
     * The broken invariants, each with how many rows break it, and every kept total of user
     * search that is not a plain recount (UserSearch.verify); empty when all hold.
     */
    public static List<String> violations() {
        return violations(TestDatabase.get().jdbi());
    }

    public static List<String> violations(Jdbi jdbi) {
        var broken = new ArrayList<String>();
        jdbi.useHandle(handle -> INVARIANTS.forEach((name, sql) -> {
            long count = handle.createQuery(sql).mapTo(Long.class).one();
            if (count > 0) {
                broken.add(count + " " + name);
            }
        }));
        new UserSearch(jdbi).verify().forEach(wrong -> broken.add("user search total not the true count: " + wrong));
        return broken;
    }
}
