package my.invois.simulator;

import java.util.List;
import java.util.Map;

/**
 * An API-level refusal in LHDN's real shape (reference §2.3):
 * {@code {"error":{"code","message","target","details":[…]}}}, with its HTTP status and headers.
 */
final class LhdnException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;
    private final ApiError error;

    LhdnException(int status, ApiError error, Map<String, String> headers) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    LhdnException(int status, String code, String message, String target) {
        this(status, new ApiError(code, message, target, null, null), Map.of());
    }

    static LhdnException badArgument(String message, String target) {
        return new LhdnException(400, "BadArgument", message, target);
    }

    static LhdnException notFound(String message) {
        return new LhdnException(404, "NotFound", message, null);
    }

    static LhdnException unauthorized() {
        return new LhdnException(401, "Unauthorized", "A valid Bearer token from /connect/token is required", null);
    }

    static LhdnException validation(int status, String code, String message, List<ApiError> details) {
        return new LhdnException(status, new ApiError(code, message, "submission", null, details), Map.of());
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    Map<String, ApiError> body() {
        return Map.of("error", error);
    }
}
