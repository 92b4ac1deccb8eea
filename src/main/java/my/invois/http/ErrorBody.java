package my.invois.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** SPEC A3: {"error", "message", "details"}; details only when useful. */
public record ErrorBody(
        String error,
        String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) Object details) {
}
