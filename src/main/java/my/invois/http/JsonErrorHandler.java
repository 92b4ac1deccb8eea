package my.invois.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the app (a malformed URI, oversized headers)
 * in the contract's JSON shape instead of Jetty's HTML page (SPEC A3), with an X-Request-Id
 * like every other response.
 */
public final class JsonErrorHandler extends ErrorHandler {

    /** Jetty writes error bodies only for GET, POST and HEAD by default; a bad PUT got an empty 400. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
            // SPEC A3: a 503 says when to retry. Jetty's GracefulHandler answers 503 to a request that
            // arrives on an open connection while the server drains after SIGTERM.
            response.getHeaders().put(HttpHeader.RETRY_AFTER, ErrorMapping.RETRY_AFTER_UNAVAILABLE_SECONDS);
        }
        response.getHeaders().put(RequestIds.HEADER, RequestIds.choose(request.getHeaders().get(RequestIds.HEADER)));
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(RequestIds.HEADER, RequestIds.choose(null));
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        String error = switch (status) {
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
        String message = switch (status) {
            case 408 -> "The request body did not arrive in time";
            case 501 -> "Transfer codings other than chunked are not supported";
            default -> status >= 500 ? "The request could not be completed" : "The request could not be understood";
        };
        return ("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
