package my.invois.myinvois;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LHDN's MyInvois API over HTTP, one method per API the engine needs (reference §2, anchors
 * §1.2–1.4). Every call answers an {@link LhdnResult}, never an exception, and logs exactly one
 * line (logger {@code myinvois}): the API, the HTTP status, the duration, LHDN's correlationId
 * and the taxpayer's TIN; never a body, a token, a secret or a document. Budgets and tokens are
 * {@link MyInvois}'s concern.
 */
public final class MyInvoisClient {

    private static final Logger log = LoggerFactory.getLogger("myinvois");
    /** When a 429 or 422 names no Retry-After: LHDN's budgets are per minute. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

    private final String baseUrl;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;

    public MyInvoisClient(String baseUrl, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** POST /connect/token with the client's credentials, and onbehalfof for an intermediary. */
    LhdnResult<LoginAnswer> login(LhdnAccount account) {
        String form = form(Map.of("client_id", account.clientId(), "client_secret", account.clientSecret(),
                "grant_type", "client_credentials", "scope", "InvoicingAPI"));
        HttpRequest.Builder request = request("/connect/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        account.onBehalfOf().ifPresent(taxpayer -> request.header("onbehalfof", taxpayer));
        return call(LhdnApi.LOGIN, account.tin(), request.build(), body -> LhdnJson.read(body, LoginAnswer.class)
                .filter(answer -> answer.accessToken() != null && !answer.accessToken().isEmpty()));
    }

    /** POST /api/v1.0/documentsubmissions: 1–100 JSON documents of one taxpayer. */
    public LhdnResult<SubmissionAnswer> submit(AccessToken token, String tin, List<SubmittedDocument> documents) {
        ObjectNode body = LhdnJson.MAPPER.createObjectNode();
        ArrayNode entries = body.putArray("documents");
        documents.forEach(document -> entries.addObject().put("format", "JSON").put("document", document.base64())
                .put("documentHash", document.documentHash()).put("codeNumber", document.codeNumber()));
        HttpRequest request = authorized(token, "/api/v1.0/documentsubmissions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return call(LhdnApi.SUBMIT, tin, request, answer -> LhdnJson.read(answer, SubmissionAnswer.class));
    }

    /** GET /api/v1.0/documentsubmissions/{uid}: page {@code pageNo} (from 1) of at most {@code pageSize} ≤ 100 documents. */
    public LhdnResult<Submission> submission(AccessToken token, String tin, String submissionUid, int pageNo, int pageSize) {
        HttpRequest request = authorized(token, "/api/v1.0/documentsubmissions/" + segment(submissionUid) + "?"
                + form(Map.of("pageNo", String.valueOf(pageNo), "pageSize", String.valueOf(pageSize)))).GET().build();
        return call(LhdnApi.GET_SUBMISSION, tin, request, body -> LhdnJson.read(body, Submission.class));
    }

    /** GET /api/v1.0/documents/{uuid}/details: for an Invalid document's errors. */
    public LhdnResult<DocumentDetails> details(AccessToken token, String tin, String uuid) {
        HttpRequest request = authorized(token, "/api/v1.0/documents/" + segment(uuid) + "/details").GET().build();
        return call(LhdnApi.DETAILS, tin, request, body -> LhdnJson.read(body, DocumentDetails.class));
    }

    /** PUT /api/v1.0/documents/state/{uuid}/state {"status":"cancelled","reason"}: reason ≤ 300 characters. */
    public LhdnResult<CancelAnswer> cancel(AccessToken token, String tin, String uuid, String reason) {
        String body = LhdnJson.MAPPER.createObjectNode().put("status", "cancelled").put("reason", reason).toString();
        HttpRequest request = authorized(token, "/api/v1.0/documents/state/" + segment(uuid) + "/state")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return call(LhdnApi.CANCEL, tin, request, answer -> LhdnJson.read(answer, CancelAnswer.class));
    }

    /**
     * GET /api/v1.0/documents/search for documents whose internal ID (or another searchable field)
     * is {@code searchQuery}, submitted within [from, to] (at most 31 days; LHDN refuses more).
     */
    public LhdnResult<SearchPage> search(AccessToken token, String tin, String searchQuery, Instant from, Instant to, int pageNo) {
        var query = new LinkedHashMap<String, String>();
        query.put("submissionDateFrom", from.truncatedTo(ChronoUnit.SECONDS).toString());
        query.put("submissionDateTo", to.truncatedTo(ChronoUnit.SECONDS).toString());
        query.put("searchQuery", searchQuery);
        query.put("pageNo", String.valueOf(pageNo));
        query.put("pageSize", "100");
        HttpRequest request = authorized(token, "/api/v1.0/documents/search?" + form(query)).GET().build();
        return call(LhdnApi.SEARCH, tin, request, body -> LhdnJson.read(body, SearchPage.class));
    }

    /** GET /api/v1.0/taxpayer/validate/{tin}: true for LHDN's 200, false for its 404 (no such taxpayer). */
    public LhdnResult<Boolean> validateTin(AccessToken token, String tin, String buyerTin, String idType, String idValue) {
        HttpRequest request = authorized(token, "/api/v1.0/taxpayer/validate/" + segment(buyerTin) + "?"
                + form(Map.of("idType", idType, "idValue", idValue))).GET().build();
        LhdnResult<Boolean> result = call(LhdnApi.VALIDATE_TIN, tin, request, body -> Optional.of(true));
        if (result instanceof LhdnResult.Rejected<Boolean> rejected && rejected.status() == 404) {
            return new LhdnResult.Accepted<>(false, rejected.correlationId());
        }
        return result;
    }

    private <T> LhdnResult<T> call(LhdnApi api, String tin, HttpRequest request, Function<String, Optional<T>> parse) {
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            logCall(api, "none (no connection)", started, Optional.empty(), tin);
            return new LhdnResult.Transient<>("no connection to LHDN (" + e.getClass().getSimpleName() + ")", Optional.empty());
        } catch (HttpTimeoutException e) {
            logCall(api, "none (timeout)", started, Optional.empty(), tin);
            return sentWithoutAnswer(api, "no answer within " + requestTimeout.toMillis() + " ms", Optional.empty());
        } catch (IOException e) {
            logCall(api, "none (" + e.getClass().getSimpleName() + ")", started, Optional.empty(), tin);
            return sentWithoutAnswer(api, "the connection failed (" + e.getClass().getSimpleName() + ")", Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logCall(api, "none (interrupted)", started, Optional.empty(), tin);
            return sentWithoutAnswer(api, "interrupted while waiting for LHDN", Optional.empty());
        }
        Optional<String> correlationId = correlationId(response.headers());
        logCall(api, String.valueOf(response.statusCode()), started, correlationId, tin);
        return outcome(api, response, correlationId, parse);
    }

    private <T> LhdnResult<T> outcome(LhdnApi api, HttpResponse<String> response, Optional<String> correlationId,
            Function<String, Optional<T>> parse) {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 200 && status < 300) {
            // Anchors §1.5: some refusals arrive as a 200 carrying an error member.
            Optional<JsonNode> error = LhdnJson.tree(body).map(tree -> LhdnJson.field(tree, "error"))
                    .filter(node -> !node.isMissingNode() && !node.isNull());
            if (error.isPresent()) {
                return new LhdnResult.Rejected<>(status, LhdnError.from(error.get()), correlationId);
            }
            return parse.apply(body).<LhdnResult<T>>map(value -> new LhdnResult.Accepted<>(value, correlationId))
                    .orElseGet(() -> sentWithoutAnswer(api, "an unreadable " + status + " answer", correlationId));
        }
        if (status == 429) {
            return new LhdnResult.Throttled<>(clock.instant().plus(retryAfter(response.headers())), correlationId);
        }
        if (status == 422) {
            return new LhdnResult.Duplicate<>(retryAfter(response.headers()), LhdnError.fromBody(body), correlationId);
        }
        if (status >= 400 && status < 500) {
            return new LhdnResult.Rejected<>(status, LhdnError.fromBody(body), correlationId);
        }
        return new LhdnResult.Transient<>("LHDN answered " + status, correlationId);
    }

    /** A call that went out with no readable answer: its outcome is unknown if it changes LHDN's state. */
    private static <T> LhdnResult<T> sentWithoutAnswer(LhdnApi api, String reason, Optional<String> correlationId) {
        return api.changesState() ? new LhdnResult.Unknown<>(reason, correlationId) : new LhdnResult.Transient<>(reason, correlationId);
    }

    /** Retry-After in seconds (reference §2.2), else X-Rate-Limit-Reset's time, else a minute. */
    private Duration retryAfter(HttpHeaders headers) {
        Optional<Duration> seconds = headers.firstValue("Retry-After").flatMap(MyInvoisClient::seconds);
        if (seconds.isPresent()) {
            return seconds.get();
        }
        return headers.firstValue("X-Rate-Limit-Reset").flatMap(MyInvoisClient::instant)
                .map(reset -> Duration.between(clock.instant(), reset))
                .filter(wait -> !wait.isNegative())
                .orElse(DEFAULT_RETRY_AFTER);
    }

    private static Optional<Duration> seconds(String text) {
        try {
            long seconds = Long.parseLong(text.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** LHDN names it correlationId (anchors §1.2); X-Correlation-Id is the common spelling elsewhere. */
    private static Optional<String> correlationId(HttpHeaders headers) {
        return headers.firstValue("correlationId").or(() -> headers.firstValue("X-Correlation-Id")).filter(id -> !id.isBlank());
    }

    private static void logCall(LhdnApi api, String status, long started, Optional<String> correlationId, String tin) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        boolean answered = status.chars().allMatch(Character::isDigit);
        String line = "LHDN {} status {} in {} ms correlationId {} tin {}";
        if (answered && Integer.parseInt(status) < 400) {
            log.info(line, api.label(), status, millis, correlationId.orElse("none"), tin);
        } else {
            log.warn(line, api.label(), status, millis, correlationId.orElse("none"), tin);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout)
                .header("Accept", "application/json").header("Accept-Language", "en");
    }

    private HttpRequest.Builder authorized(AccessToken token, String path) {
        return request(path).header("Authorization", "Bearer " + token.value());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** One path segment: LHDN's UUIDs and TINs are letters and digits, but nothing may break out of the segment. */
    private static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
