package my.invois.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/** Reads request bodies under the contract's rules (SPEC A3: 413, 415, 400). */
public final class Requests {

    /** SPEC A3: bodies over 1 MiB are refused. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;

    public Requests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode jsonObject(Context ctx) {
        checkContentType(ctx);
        return Json.parseObject(mapper, body(ctx, MAX_BODY_BYTES));
    }

    private static void checkContentType(Context ctx) {
        Optional<String> contentType = Optional.ofNullable(ctx.header("Content-Type"));
        if (contentType.isEmpty()) {
            if (ctx.req().getContentLengthLong() == 0) {
                throw ApiException.badRequest("The request body must be a JSON object");
            }
            throw unsupportedMediaType();
        }
        if (!isJson(contentType.get())) {
            throw unsupportedMediaType();
        }
    }

    /** application/json, optionally with charset=utf-8 and nothing else. */
    static boolean isJson(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (!parameter.isEmpty() && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The body's exact bytes, whatever its Content-Type, for a handler that must see them before
     * any parsing (a signature over the bytes); at most maxBytes, else 413.
     */
    public byte[] rawBody(Context ctx, int maxBytes) {
        return body(ctx, maxBytes);
    }

    private static byte[] body(Context ctx, int maxBytes) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw payloadTooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw payloadTooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read");
        }
    }

    private static ApiException unsupportedMediaType() {
        return new ApiException(415, "Unsupported Media Type",
                "Request bodies must be sent as Content-Type: application/json", Optional.empty());
    }

    private static ApiException payloadTooLarge(int maxBytes) {
        return new ApiException(413, "Payload Too Large", "The request body must be at most " + maxBytes / (1024 * 1024) + " MiB",
                Optional.empty());
    }
}
