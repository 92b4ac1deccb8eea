package my.invois.deployment;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on a socket of its own, one request per connection, so that a test sees exactly what
 * the server did: refused the connection, answered completely, or broke off.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int received;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Throws {@link java.net.ConnectException} when nothing listens on the port. */
    static RawHttp connect(int port) throws IOException {
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(15_000);
            return new RawHttp(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static String post(int port, String path, String key, String body) {
        return request("POST", port, path, key, body);
    }

    static String put(int port, String path, String key, String body) {
        return request("PUT", port, path, key, body);
    }

    private static String request(String method, int port, String path, String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return method + " " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "X-Invois-Key: " + key + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + body;
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Bytes of the response read so far: zero means the server never began to answer. */
    int received() {
        return received;
    }

    Response read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        var headers = new LinkedHashMap<String, String>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        String body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else {
            body = new String(exactly(Integer.parseInt(headers.getOrDefault("content-length", "0"))), StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    private String chunked() throws IOException {
        var body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(exactly(size));
            line();
        }
        line();
        return body.toString(StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        var line = new ByteArrayOutputStream();
        for (int c = next(); c != '\n'; c = next()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private byte[] exactly(int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) next();
        }
        return bytes;
    }

    private int next() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("connection closed after " + received + " bytes of the response");
        }
        received++;
        return c;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(int status, Map<String, String> headers, String body) {
    }
}
