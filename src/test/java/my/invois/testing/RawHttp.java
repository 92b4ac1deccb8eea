package my.invois.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, one request per connection, so that a test can send what
 * java.net.http refuses to: invalid percent-escapes, raw bytes in the target and in header
 * values, a header given twice, any method.
 */
public final class RawHttp {

    public record Header(String name, byte[] value) {

        public static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A response as read off the wire; header names lower-cased. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private RawHttp() {
    }

    /** Sends the request bytes exactly as given (plus Host, Content-Length, Connection: close). */
    public static Reply send(int port, String method, byte[] target, List<Header> headers, byte[] body) {
        try {
            var request = new ByteArrayOutputStream();
            request.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
            request.write(target);
            request.write(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (Header header : headers) {
                request.write((header.name() + ": ").getBytes(StandardCharsets.ISO_8859_1));
                request.write(header.value());
                request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            if (body != null) {
                request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.write(body);
            }
            return exchange(port, request.toByteArray(), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException("request " + method + " failed", e);
        }
    }

    /** Sends these bytes, the whole request as written (ending with Connection: close), and reads the answer. */
    public static Reply exchange(int port, byte[] request) {
        return exchange(port, request, false);
    }

    private static Reply exchange(int port, byte[] request, boolean head) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedEarly) {
                // The server may answer (413, 431) and close before reading everything sent.
            }
            return parse(readAll(socket.getInputStream()), head);
        } catch (IOException e) {
            throw new UncheckedIOException("request failed", e);
        }
    }

    /** Reads one response off a connection that stays open (keep-alive): its headers, then Content-Length bytes. */
    public static Reply read(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("closed after " + head.size() + " bytes of a response");
            }
            head.write(c);
        }
        Reply headers = parse(head.toByteArray(), true);
        head.write(in.readNBytes(Integer.parseInt(headers.header("Content-Length").orElse("0"))));
        return parse(head.toByteArray(), false);
    }

    /**
     * Reads until the server closes. A server that stops reading a large body may reset the
     * connection after answering; what arrived before the reset is the answer.
     */
    private static byte[] readAll(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            if (bytes.size() == 0) {
                throw reset;
            }
        }
        return bytes.toByteArray();
    }

    private static Reply parse(byte[] raw, boolean head) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no complete response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new TreeMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                    (first, second) -> first + ", " + second);
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (head) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        var out = new ByteArrayOutputStream();
        int position = 0;
        while (position < chunked.length) {
            int lineEnd = indexOfCrLf(chunked, position);
            String sizeLine = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("truncated chunked body");
    }
}
