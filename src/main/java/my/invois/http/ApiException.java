package my.invois.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one error type: everything a client can be told about a failed request (SPEC A3). */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Optional<Object> details;

    public ApiException(int status, String error, String message, Optional<Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.details = details;
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

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return new ErrorBody(error, getMessage(), details.orElse(null));
    }
}
