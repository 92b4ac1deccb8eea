package my.invois.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import my.invois.testing.RawHttp;

/**
 * One generated request. Target, header values and body may hold placeholders ({@code {user}},
 * {@code {key}}, … see {@link Fixture#values()}) and markers for bytes that are not UTF-8:
 * U+E000 → C3 28 (bad continuation), U+E001 → FF, U+E002 → ED A0 80 (an encoded surrogate),
 * U+E003 → C0 AF (an overlong '/').
 */
record Probe(String kind, String method, String target, List<Map.Entry<String, String>> headers, String body) {

    static final String JSON = "application/json";

    Probe withHeader(String name, String value) {
        var more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Probe(kind, method, target, more, body);
    }

    boolean isRead() {
        return method.equals("GET") || method.equals("HEAD");
    }

    RawHttp.Reply send(Fixture fixture) {
        return send(fixture, fixture.values());
    }

    RawHttp.Reply send(Fixture fixture, Map<String, String> values) {
        var raw = new ArrayList<RawHttp.Header>();
        for (Map.Entry<String, String> header : headers) {
            raw.add(new RawHttp.Header(header.getKey(), bytes(substitute(header.getValue(), values))));
        }
        byte[] content = body == null ? null : bytes(substitute(body, values));
        return RawHttp.send(fixture.server.port(), method, bytes(substitute(target, values)), raw, content);
    }

    private static String substitute(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace(value.getKey(), value.getValue());
        }
        return result;
    }

    static byte[] bytes(String text) {
        var out = new ByteArrayOutputStream();
        text.codePoints().forEach(codePoint -> {
            switch (codePoint) {
                case 0xE000 -> out.writeBytes(new byte[] {(byte) 0xC3, 0x28});
                case 0xE001 -> out.write(0xFF);
                case 0xE002 -> out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
                case 0xE003 -> out.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
                default -> out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return kind + ": " + method + " " + shorten(target) + " " + headers.stream().map(h -> h.getKey() + ": " + shorten(h.getValue())).toList()
                + (body == null ? "" : " body " + body.length() + " chars: " + shorten(body));
    }

    private static String shorten(String text) {
        var escaped = new StringBuilder();
        text.substring(0, Math.min(text.length(), 200)).chars()
                .forEach(c -> escaped.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return text.length() <= 200 ? escaped.toString() : escaped + "…(" + text.length() + " chars)";
    }
}
