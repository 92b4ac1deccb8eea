package my.invois.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * INVOIS_LOG_FORMAT: one line of text per event, or one JSON object per line. logback.xml reads
 * the variable itself (logging starts before the configuration is loaded); it is validated here.
 */
public enum LogFormat {
    TEXT, JSON;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<LogFormat> parse(String text) {
        return Arrays.stream(values()).filter(format -> format.label().equals(text)).findFirst();
    }
}
