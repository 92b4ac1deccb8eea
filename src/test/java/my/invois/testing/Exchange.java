package my.invois.testing;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * One request and the response it got, as a client saw them. {@code deliberatelyBad} marks a
 * request a test sends on purpose although the contract forbids it (a malformed body, a missing
 * key, an unknown path): its response is still checked, its request is not.
 */
public record Exchange(
        String method,
        URI uri,
        HttpHeaders requestHeaders,
        Optional<byte[]> requestBody,
        int status,
        HttpHeaders responseHeaders,
        String responseBody,
        boolean deliberatelyBad) {

    @Override
    public String toString() {
        return method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " -> " + status;
    }
}
