package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import my.invois.testing.LogCapture;
import org.junit.jupiter.api.Test;

class MyInvoisApiTest extends MyInvoisTest {

    private final MyInvois lhdn = server();

    @Test
    void an_official_sample_is_submitted_polled_found_by_its_internal_id_and_cancelled() {
        LhdnResult<SubmissionAnswer> submitted = lhdn.submit(ACCOUNT, List.of(sample("1.1-Invoice-Sample.json", "DOC1")));
        SubmissionAnswer answer = accepted(submitted);
        assertThat(answer.uid()).get().asString().hasSize(26);
        assertThat(answer.acceptedDocuments()).singleElement().satisfies(document -> assertThat(document.invoiceCodeNumber()).isEqualTo("DOC1"));
        assertThat(answer.rejectedDocuments()).isEmpty();
        assertThat(submitted.correlationId()).isPresent();
        String uuid = answer.acceptedDocuments().get(0).uuid();

        Submission submission = poll(() -> accepted(lhdn.submission(ACCOUNT, answer.uid().orElseThrow(), 1, 100)));
        assertThat(submission.overallStatus()).isEqualToIgnoringCase("Valid");
        DocumentSummary summary = submission.documentSummary().get(0);
        assertThat(summary.uuid()).isEqualTo(uuid);
        assertThat(summary.internalId()).isEqualTo("JSON-INV12345");
        assertThat(summary.longId()).hasSize(40);
        assertThat(summary.totalPayableAmount()).isEqualByComparingTo("1436.50");
        assertThat(summary.validatedAt()).isPresent();

        SearchPage found = accepted(lhdn.search(ACCOUNT, "JSON-INV12345", clock.instant().minus(Duration.ofDays(1)),
                clock.instant().plusSeconds(60), 1));
        assertThat(found.result()).extracting(DocumentSummary::uuid).containsExactly(uuid);
        assertThat(found.metadata().totalCount()).isEqualTo(1);

        CancelAnswer cancelled = accepted(lhdn.cancel(ACCOUNT, uuid, "Customer cancelled the order"));
        assertThat(cancelled.status()).isEqualTo("Cancelled");
        LhdnResult<CancelAnswer> again = lhdn.cancel(ACCOUNT, uuid, "Customer cancelled the order");
        assertThat(again).isInstanceOfSatisfying(LhdnResult.Rejected.class, rejected -> {
            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.error().code()).isEqualTo("IncorrectState");
        });
    }

    @Test
    void an_invalid_documents_errors_come_from_its_details() {
        SubmittedDocument signed = sample("1.1-Invoice-Sample.json", "DOC2");
        String text = new String(signed.bytes(), StandardCharsets.UTF_8).replace("JSON-INV12345", "JSON-INV12346");
        assertThat(text).contains("JSON-INV12346");
        SubmissionAnswer answer = accepted(lhdn.submit(ACCOUNT, List.of(new SubmittedDocument("DOC2", text.getBytes(StandardCharsets.UTF_8)))));
        String uuid = answer.acceptedDocuments().get(0).uuid();
        poll(() -> accepted(lhdn.submission(ACCOUNT, answer.uid().orElseThrow(), 1, 100)));

        DocumentDetails details = accepted(lhdn.details(ACCOUNT, uuid));
        assertThat(details.status()).isEqualTo("Invalid");
        DocumentDetails.ValidationStep failed = details.validationResults().validationSteps().stream()
                .filter(step -> step.status().equalsIgnoreCase("Invalid")).findFirst().orElseThrow();
        assertThat(failed.name()).contains("Signature");
        assertThat(failed.error().details()).extracting(LhdnError::code).contains("DS322");
        assertThat(failed.error().details().get(0).message()).isNotEmpty();
    }

    @Test
    void the_same_bytes_again_within_ten_minutes_are_a_duplicate_with_retry_after() {
        SubmittedDocument document = sample("1.0-Invoice-Sample.json", "DOC3");
        accepted(lhdn.submit(ACCOUNT, List.of(document)));
        clock.advance(Duration.ofMinutes(4));
        LhdnResult<SubmissionAnswer> resent = lhdn.submit(ACCOUNT, List.of(document));
        assertThat(resent).isInstanceOfSatisfying(LhdnResult.Duplicate.class, duplicate -> {
            assertThat(duplicate.retryAfter()).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
            assertThat(duplicate.error().code()).isEqualTo("DuplicateSubmission");
        });
    }

    @Test
    void a_document_of_another_issuer_is_rejected_with_lhdns_reason() {
        LhdnAccount other = LhdnAccount.intermediary(CLIENT_ID, DEVELOPMENT_SECRET, "C12345678900");
        LhdnResult<SubmissionAnswer> submitted = lhdn.submit(other, List.of(sample("1.0-Invoice-Sample.json", "DOC4")));
        assertThat(submitted).isInstanceOfSatisfying(LhdnResult.Rejected.class, rejected -> {
            assertThat(rejected.status()).isEqualTo(403);
            assertThat(rejected.error().code()).isEqualTo("IncorrectSubmitter");
        });
    }

    @Test
    void validate_tin_is_true_for_a_registered_taxpayer_and_false_for_an_unknown_one() {
        assertThat(accepted(lhdn.validateTin(ACCOUNT, "C25845632020", "BRN", "201901234567"))).isTrue();
        assertThat(accepted(lhdn.validateTin(ACCOUNT, "C29702635060", "BRN", "201901234567"))).isFalse();
        assertThat(accepted(lhdn.validateTin(ACCOUNT, "XX1", "BRN", "201901234567"))).isFalse();
    }

    @Test
    void a_wrong_secret_is_a_rejected_login_not_an_exception() {
        LhdnResult<Boolean> result = lhdn.validateTin(LhdnAccount.intermediary(CLIENT_ID, "wrong-secret", SUPPLIER_TIN),
                "C25845632020", "BRN", "201901234567");
        assertThat(result).isInstanceOfSatisfying(LhdnResult.Rejected.class, rejected -> {
            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.error().code()).isEqualTo("invalid_client");
        });
    }

    @Test
    void each_call_logs_one_line_with_its_correlation_id_and_no_secret_token_or_body() {
        SubmittedDocument document = sample("1.0-Invoice-Sample.json", "DOC5");
        try (LogCapture log = LogCapture.named("myinvois")) {
            accepted(lhdn.submit(ACCOUNT, List.of(document)));
            List<String> lines = log.lines(Level.INFO);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("LHDN login status 200 in ").contains("tin " + SUPPLIER_TIN).containsPattern("correlationId [0-9a-f-]{36}");
            assertThat(lines.get(1)).startsWith("LHDN submit status 202 in ").contains("tin " + SUPPLIER_TIN).containsPattern("correlationId [0-9a-f-]{36}");
            String token = TestDatabaseTokens.one(secrets, ACCOUNT);
            String documentText = new String(document.bytes(), StandardCharsets.UTF_8);
            assertThat(String.join("\n", lines)).doesNotContain(DEVELOPMENT_SECRET).doesNotContain(token)
                    .doesNotContain(document.base64().substring(0, 40)).doesNotContain(documentText.substring(0, 40))
                    .doesNotContain("JSON-INV12345");
        }
    }

    @Test
    void a_429_is_throttled_until_retry_after_for_every_instance_without_calling_again() {
        accepted(lhdn.validateTin(ACCOUNT, "C25845632020", "BRN", "201901234567"));
        faults("{\"tooManyRequests\":true}");
        LhdnResult<Boolean> refused = lhdn.validateTin(ACCOUNT, "C25845632020", "BRN", "201901234567");
        assertThat(refused).isInstanceOfSatisfying(LhdnResult.Throttled.class,
                throttled -> assertThat(throttled.until()).isEqualTo(clock.instant().plusSeconds(1)));
        long calls = simulatorCalls("validateTin");
        faults("{\"tooManyRequests\":false}");

        LhdnResult<Boolean> otherInstance = server().validateTin(ACCOUNT, "C25845632020", "BRN", "201901234567");
        assertThat(otherInstance).isInstanceOfSatisfying(LhdnResult.Throttled.class, throttled -> {
            assertThat(throttled.until()).isEqualTo(clock.instant().plusSeconds(1));
            assertThat(throttled.correlationId()).isEmpty();
        });
        assertThat(simulatorCalls("validateTin")).isEqualTo(calls);
        clock.advance(Duration.ofSeconds(1));
        assertThat(accepted(server().validateTin(ACCOUNT, "C25845632020", "BRN", "201901234567"))).isTrue();
    }

    @Test
    void a_hanging_submit_is_an_unknown_outcome_within_the_request_timeout() {
        accepted(lhdn.validateTin(ACCOUNT, "C25845632020", "BRN", "201901234567"));
        faults("{\"hangRate\":1,\"hangMillis\":5000}");
        long started = System.nanoTime();
        LhdnResult<SubmissionAnswer> submitted = lhdn.submit(ACCOUNT, List.of(sample("1.0-Invoice-Sample.json", "DOC6")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(submitted).isInstanceOf(LhdnResult.Unknown.class);
        assertThat(took).isLessThan(REQUEST_TIMEOUT.plusMillis(1_500));
        LhdnResult<Boolean> read = lhdn.validateTin(ACCOUNT, "C25845632020", "BRN", "201901234567");
        assertThat(read).isInstanceOf(LhdnResult.Transient.class);
    }

    @Test
    void a_5xx_is_a_transient_failure() {
        accepted(lhdn.validateTin(ACCOUNT, "C25845632020", "BRN", "201901234567"));
        faults("{\"errorRate\":1}");
        LhdnResult<SubmissionAnswer> submitted = lhdn.submit(ACCOUNT, List.of(sample("1.0-Invoice-Sample.json", "DOC7")));
        assertThat(submitted).isInstanceOfSatisfying(LhdnResult.Transient.class,
                failure -> assertThat(failure.reason()).isEqualTo("LHDN answered 503"));
        assertThat(submitted.correlationId()).isPresent();
    }

    @Test
    void a_refused_connection_is_a_transient_failure() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var client = new MyInvoisClient("http://127.0.0.1:" + port, CONNECT_TIMEOUT, REQUEST_TIMEOUT, clock);
        LhdnResult<SubmissionAnswer> submitted = client.submit(new AccessToken("t"), SUPPLIER_TIN, List.of(sample("1.0-Invoice-Sample.json", "DOC8")));
        assertThat(submitted).isInstanceOf(LhdnResult.Transient.class);
    }

    static <T> T accepted(LhdnResult<T> result) {
        assertThat(result).isInstanceOf(LhdnResult.Accepted.class);
        return ((LhdnResult.Accepted<T>) result).value();
    }

    /** Until no document is Submitted (the simulator validates at once, on a thread of its own). */
    private static Submission poll(Supplier<Submission> read) {
        Instant deadline = Instant.now().plusSeconds(10);
        Submission submission = read.get();
        while (submission.documentSummary().stream().anyMatch(document -> document.hasStatus("Submitted"))) {
            assertThat(Instant.now()).as("validated within 10 s").isBefore(deadline);
            Thread.onSpinWait();
            submission = read.get();
        }
        return submission;
    }
}
