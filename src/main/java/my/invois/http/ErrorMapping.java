package my.invois.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.Map;
import java.util.Optional;
import my.invois.db.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become HTTP responses (SPEC A3); no framework body leaks. */
public final class ErrorMapping {

    static final int RETRY_AFTER_UNAVAILABLE_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    public static void register(JavalinConfig config) {
        config.routes.exception(ApiException.class, (error, ctx) -> render(ctx, error));
        config.routes.exception(HttpResponseException.class, (error, ctx) -> {
            allowedMethods(error).ifPresent(methods -> ctx.header("Allow", methods));
            render(ctx, fromFramework(error.getStatus()));
        });
        config.routes.exception(Exception.class, ErrorMapping::unexpected);
        config.routes.error(404, ctx -> replaceFrameworkBody(ctx, 404));
        config.routes.error(405, ctx -> replaceFrameworkBody(ctx, 405));
        config.routes.error(413, ctx -> replaceFrameworkBody(ctx, 413));
    }

    public static void render(Context ctx, ApiException error) {
        if (error.status() == 503) {
            long seconds = error.retryAfter().map(wait -> (wait.toMillis() + 999) / 1000).orElse((long) RETRY_AFTER_UNAVAILABLE_SECONDS);
            ctx.header("Retry-After", String.valueOf(Math.max(1, seconds)));
        }
        ErrorBody body = error.body();
        if (error.status() >= 500 && body.details() == null) {
            // A 5xx names its request, so that a report can be matched with the server's log.
            body = new ErrorBody(body.error(), body.message(), Map.of("requestId", RequestIds.of(ctx)));
        }
        ctx.status(error.status()).json(body);
    }

    private static void unexpected(Exception error, Context ctx) {
        if (SqlErrors.isUnavailable(error)) {
            log.warn("Database unavailable: {}", error.getMessage());
            render(ctx, ApiException.unavailable());
            return;
        }
        if (SqlErrors.isTransactionConflict(error)) {
            // Worth a warning: a deadlock means a write broke the lock order. The message may quote values, so not logged.
            log.warn("Transaction aborted by the database on {} {}: {}", ctx.method(), ctx.path(), SqlErrors.describe(error));
            render(ctx, ApiException.unavailable());
            return;
        }
        String requestId = RequestIds.of(ctx);
        log.error("Unexpected error on {} {} (request {})", ctx.method(), ctx.path(), requestId, error);
        var body = new ErrorBody("Internal Server Error", "An unexpected error occurred", Map.of("requestId", requestId));
        ctx.status(500).json(body);
    }

    /** Routing outcomes (unknown path, wrong method, body too large) in the contract's shape. */
    private static void replaceFrameworkBody(Context ctx, int status) {
        String body = ctx.result();
        if (body == null || !body.startsWith("{\"error\"")) {
            render(ctx, fromFramework(status));
        }
    }

    /** RFC 9110, 15.5.6: a 405 names the methods the path has; Javalin lists them in the exception's details. */
    private static Optional<String> allowedMethods(HttpResponseException error) {
        if (!(error instanceof MethodNotAllowedResponse)) {
            return Optional.empty();
        }
        return error.getDetails().values().stream().findFirst();
    }

    private static ApiException fromFramework(int status) {
        return switch (status) {
            case 404 -> ApiException.notFound("The requested resource was not found");
            case 405 -> new ApiException(405, "Method Not Allowed", "This method is not allowed on this path", Optional.empty());
            case 413 -> new ApiException(413, "Payload Too Large", "The request body must be at most 1 MiB", Optional.empty());
            case 400 -> ApiException.badRequest("The request could not be understood");
            default -> new ApiException(status, status >= 500 ? "Internal Server Error" : "Bad Request",
                    "The request could not be completed", Optional.empty());
        };
    }
}
