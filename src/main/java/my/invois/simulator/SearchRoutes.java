package my.invois.simulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * GET /api/v1.0/documents/search (reference §2.8): a submission-date or issue-date pair of at
 * most 31 days is required; searchQuery matches the UUID, internal ID, TINs, names or total,
 * and refuses special characters. Only documents the client submitted for its taxpayer.
 */
final class SearchRoutes {

    static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final Pattern QUERY = Pattern.compile("[\\p{L}\\p{N} .\\-]{1,100}");

    private final Jdbi jdbi;
    private final Budgets budgets;

    SearchRoutes(Jdbi jdbi, Budgets budgets) {
        this.jdbi = jdbi;
        this.budgets = budgets;
    }

    void register(RoutesConfig routes) {
        routes.get(DocumentRoutes.PATH + "/search", this::search);
    }

    private void search(Context ctx) {
        Session session = Requests.session(ctx);
        budgets.charge(session.clientId(), Api.SEARCH);
        var where = new StringBuilder(" WHERE s.client_id = :client AND s.taxpayer_tin = :taxpayer");
        var binds = new LinkedHashMap<String, Object>(Map.of("client", session.clientId(), "taxpayer", session.taxpayerTin()));
        boolean submission = window(ctx, "submissionDate", "d.received_at", where, binds, false);
        boolean issue = window(ctx, "issueDate", "d.issued_at", where, binds, true);
        if (!submission && !issue) {
            throw LhdnException.badArgument("submissionDateFrom and submissionDateTo, or issueDateFrom and issueDateTo, are required", "submissionDateFrom");
        }
        filter(ctx, "uuid", "d.uuid = :uuid", where, binds);
        filter(ctx, "status", "d.status = :status", where, binds);
        filter(ctx, "documentType", "d.type_code = :documentType", where, binds);
        Requests.text(ctx, "invoiceDirection").ifPresent(direction -> {
            where.append(direction.equalsIgnoreCase("Received") ? " AND d.receiver_id = :taxpayer" : " AND d.issuer_tin = :taxpayer");
        });
        Optional<String> query = Requests.text(ctx, "searchQuery");
        if (query.isPresent()) {
            if (!QUERY.matcher(query.get()).matches()) {
                throw LhdnException.badArgument("Special characters are not allowed in searchQuery", "searchQuery");
            }
            where.append(" AND (d.uuid = :q OR d.internal_id = :q OR d.issuer_tin = :q OR d.receiver_id = :q"
                    + " OR d.issuer_name ILIKE '%' || :q || '%' OR d.receiver_name ILIKE '%' || :q || '%' OR d.total_payable::text = :q)");
            binds.put("q", query.get());
        }
        int pageNo = Requests.integer(ctx, "pageNo", 1, 1, 100);
        int pageSize = Requests.integer(ctx, "pageSize", 100, 1, 100);
        List<StoredDocument> found = jdbi.withHandle(handle -> bind(handle.createQuery("SELECT " + DocumentRepository.COLUMNS
                + DocumentRepository.FROM + where + " ORDER BY d.received_at, d.position LIMIT 10000"), binds)
                .map((row, c) -> DocumentRepository.map(row)).list());
        int from = Math.min(found.size(), (pageNo - 1) * pageSize);
        var body = new LinkedHashMap<String, Object>();
        body.put("result", found.subList(from, Math.min(found.size(), from + pageSize)).stream().map(Summaries::of).toList());
        body.put("metadata", Map.of("totalPages", (found.size() + pageSize - 1) / pageSize, "totalCount", found.size()));
        ctx.json(body);
    }

    /** Adds a From/To pair; issue dates are compared as LHDN's text (yyyy-MM-ddTHH:mm:ssZ sorts as time). */
    private static boolean window(Context ctx, String name, String column, StringBuilder where, Map<String, Object> binds, boolean text) {
        Optional<String> from = Requests.text(ctx, name + "From");
        Optional<String> to = Requests.text(ctx, name + "To");
        if (from.isEmpty() && to.isEmpty()) {
            return false;
        }
        Instant start = instant(name + "From", from);
        Instant end = instant(name + "To", to);
        if (end.isBefore(start) || Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw LhdnException.badArgument(name + "From must precede " + name + "To by at most 31 days", name + "From");
        }
        where.append(" AND ").append(column).append(" >= :").append(name).append("From AND ").append(column).append(" <= :").append(name).append("To");
        binds.put(name + "From", text ? Summaries.time(start) : start);
        binds.put(name + "To", text ? Summaries.time(end) : end);
        return true;
    }

    private static Instant instant(String name, Optional<String> value) {
        try {
            return Instant.parse(value.orElseThrow(() -> LhdnException.badArgument(name + " is required with its pair", name)));
        } catch (DateTimeParseException e) {
            throw LhdnException.badArgument(name + " must be a UTC date and time, e.g. 2026-11-01T00:00:00Z", name);
        }
    }

    private static void filter(Context ctx, String name, String condition, StringBuilder where, Map<String, Object> binds) {
        Requests.text(ctx, name).ifPresent(value -> {
            where.append(" AND ").append(condition);
            binds.put(name, value);
        });
    }

    private static Query bind(Query query, Map<String, Object> binds) {
        binds.forEach(query::bind);
        return query;
    }
}
