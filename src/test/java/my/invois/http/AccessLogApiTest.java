package my.invois.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One access line per request: method, route template, status, latency, key label, request id; nothing more. */
class AccessLogApiTest extends ApiTest {

    private final Logger accessLogger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        accessLogger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        accessLogger.detachAppender(lines);
    }

    /** The line of one request, waited for: it is written when the request completes. */
    private ILoggingEvent lineOf(String requestId) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            synchronized (lines.list) {
                for (ILoggingEvent line : lines.list) {
                    if (keyValues(line).get("request_id").equals(requestId)) {
                        return line;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no access line for request " + requestId);
    }

    private static Map<String, String> keyValues(ILoggingEvent line) {
        return line.getKeyValuePairs().stream().collect(Collectors.toMap(pair -> pair.key, pair -> String.valueOf(pair.value)));
    }

    @Test
    void a_request_is_logged_by_route_template_and_key_label_without_ids_keys_or_query() throws InterruptedException {
        String key = TestServer.shared().key();
        String id = "user-01jdq6z7m9x8k2v3w4y5z6a7b8";

        api.raw("GET", Api.PREFIX + "/users?email=secret.person@example.com", null, Map.of("X-Invois-Key", key, "X-Request-Id", "access-log-1"));
        api.raw("GET", Api.PREFIX + "/users/" + id, null, Map.of("X-Invois-Key", key, "X-Request-Id", "access-log-4"));

        ILoggingEvent list = lineOf("access-log-1");
        assertThat(list.getFormattedMessage()).startsWith("GET /api/integrations/users 200 ").contains("key=test request=access-log-1")
                .doesNotContain("secret.person", "email", key);
        assertThat(keyValues(list)).containsEntry("method", "GET").containsEntry("route", "/api/integrations/users")
                .containsEntry("status", "200").containsEntry("key_label", "test").containsKey("latency_ms");
        assertThat(list.getLevel().toString()).isEqualTo("INFO");
        assertThat(lineOf("access-log-4").getFormattedMessage()).startsWith("GET /api/integrations/users/{id} 404 ").doesNotContain(id);
    }

    @Test
    void each_request_gets_exactly_one_line_and_unauthenticated_ones_show_no_label() throws InterruptedException {
        api.deliberatelyBad().raw("GET", Api.PREFIX + "/users", null, Map.of("X-Request-Id", "access-log-2"));
        api.raw("GET", "/health/live", null, Map.of("X-Request-Id", "access-log-3"));

        assertThat(lineOf("access-log-2").getFormattedMessage()).contains(" 401 ").contains("key=- ");
        assertThat(lineOf("access-log-3").getFormattedMessage()).startsWith("GET /health/live 200 ");
        synchronized (lines.list) {
            List<ILoggingEvent> second = lines.list.stream().filter(line -> keyValues(line).get("request_id").equals("access-log-2")).toList();
            assertThat(second).hasSize(1);
        }
    }
}
