package my.invois.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one error type: everything a client can be told about a failed request (SPEC A3). */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Optional<Object> details;
    private final Optional<Duration> retryAfter;

    public ApiException(int status, String error, String message, Optional<Object> details) {
        this(status, error, message, details, Optional.empty());
    }

    private ApiException(int status, String error, String message, Optional<Object> details, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.details = details;
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "Bad Request", message, Optional.empty());
    }

    public static ApiException validation(Map<String, List<String>> fieldErrors) {
        return new ApiException(400, "Validation Error", "The request contains invalid data", Optional.of(fieldErrors));
    }

    public static ApiException invalidField(String field, String message) {
        return validation(Map.of(field, List.of(message)));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "Not Found", message, Optional.empty());
    }

    public static ApiException conflict(String message, String field, String fieldMessage) {
        return new ApiException(409, "Conflict", message, Optional.of(Map.of(field, List.of(fieldMessage))));
    }

    public static ApiException unavailable() {
        return new ApiException(503, "Service Unavailable", "The service is temporarily unavailable, please retry shortly", Optional.empty());
    }

    /** A 503 of something that knows when it can answer again (LHDN's budget reopening); Retry-After says so. */
    public static ApiException unavailable(String message, Duration retryAfter) {
        return new ApiException(503, "Service Unavailable", message, Optional.empty(), Optional.of(retryAfter));
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public ErrorBody body() {
        return new ErrorBody(error, getMessage(), details.orElse(null));
    }
}
