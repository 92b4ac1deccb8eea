package my.invois.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** INVOIS_LOG_FORMAT picks the appender that logback.xml (the shipped file) writes with. */
class LogFormatTest {

    private static LoggerContext configured(String format) throws Exception {
        var context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            context.putProperty("INVOIS_LOG_FORMAT", format);
        }
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL file = LogFormatTest.class.getClassLoader().getResource("logback.xml");
        configurator.doConfigure(file);
        return context;
    }

    private static String encode(LoggerContext context, String appender) {
        var event = new LoggingEvent("x", context.getLogger(AccessLog.LOGGER), Level.INFO,
                "GET {} 200", null, new Object[] {"/api/integrations/users/{id}"});
        event.setKeyValuePairs(new ArrayList<>(List.of(new KeyValuePair("route", "/api/integrations/users/{id}"))));
        var output = (OutputStreamAppender<?>) context.getLogger("ROOT").getAppender(appender);
        assertThat(output).as("appender " + appender + " is attached").isNotNull();
        @SuppressWarnings("unchecked")
        var encoder = ((OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>) output).getEncoder();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void text_is_the_default() throws Exception {
        LoggerContext context = configured(null);

        assertThat(context.getLogger("ROOT").getAppender("json")).isNull();
        assertThat(encode(context, "text")).contains("INFO  [", "access - GET /api/integrations/users/{id} 200");
    }

    @Test
    void json_writes_one_object_per_line_with_the_key_values() throws Exception {
        String line = encode(configured("json"), "json");

        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("loggerName").asText()).isEqualTo("access");
        assertThat(json.get("formattedMessage").asText()).isEqualTo("GET /api/integrations/users/{id} 200");
        assertThat(json.get("kvpList").toString()).contains("\"route\":\"/api/integrations/users/{id}\"");
    }
}
