package my.invois.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile requests (OWASP API Security Top 10 2023, API4 and API8): wrong
 * types, deep nesting, huge numbers, NUL bytes, invalid UTF-8, 1 MiB strings, duplicate keys,
 * SQL and LIKE metacharacters and Unicode look-alikes, in bodies, query strings, path ids and
 * headers. Every request from {@link #rejected()} must be refused with a 4xx.
 */
final class HostileRequests {

    static final String API = "/api/integrations";
    static final String MEBIBYTE_OF_X = "x".repeat(1024 * 1024);

    /** Strings any text field or parameter may meet. */
    static final List<String> NASTY = List.of(
            "' OR '1'='1", "'; DROP TABLE users; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)", "%", "_", "%%", "\\", "\\%", "a%b_c",
            "\u0000", "a\u0000b", "\uD800", "\uDFFF", "\uD83D\uDE00", "\u202Eevil", "\u200B", "\uFEFF", "ｆｕｌｌ", "раураl",
            "Ⅻ", "ß", "İ", "\u212A", "ﬁ", "null", "undefined", "NaN", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "<script>",
            "../../etc/passwd", "\r\n", "\t", "   ", "");

    static final List<String> WRONG_TYPES = List.of(
            "42", "-1", "0", "1.5", "-0", "1e400", "true", "false", "[]", "{}", "[\"a\"]", "{\"$gt\":\"\"}",
            "9".repeat(99), "123456789012345678901234567890", "[[[[[[[[[[]]]]]]]]]]");

    private static final Map<String, List<String>> INVALID = new LinkedHashMap<>();

    static {
        List<String> names = List.of("", "x", "\u0000\u0000", "ab\uD800", "\uDC00cd", "n".repeat(256), "a\u0000b");
        INVALID.put("name", names);
        INVALID.put("firstName", List.of("f".repeat(101), "a\u0000", "\uD800x", "é".repeat(101)));
        INVALID.put("lastName", List.of("l".repeat(101), "\u0000", "x\uDBFF"));
        INVALID.put("email", List.of("plainaddress", "@example.com", "a@", "a@b", "a@@example.com", "a@example..com",
                "a b@example.com", "a@example.com\u0000", "a\u0000@example.com", "user＠example.com", "user@exam_ple.com",
                "' OR '1'='1", "%", "%@%", "_@_", "a@" + "d".repeat(250) + ".com", "u".repeat(250) + "@example.com",
                "user@example.c", "user@localhost", "\uD800@example.com"));
        INVALID.put("phone", List.of("12", "abc", "+", "+1234567890123456", "1234567\u0000", "1".repeat(51), "１２３４５６７８",
                "٣٣٣٣٣٣٣٣", "++60123456789", "60123456789+", "' OR 1=1 --", "%"));
        INVALID.put("dob", List.of("2024-02-30", "1899-12-31", "3000-01-01", "1990-5-15", "15-05-1990", "1990/05/15",
                "+1990-05-15", "１９９０-05-15", "", "1990-05-15T00:00:00Z", "99999-01-01", "1990-13-01", "0000-00-00", "%"));
        INVALID.put("role", List.of("Admin", "owner", "super_admin", "", "customеr", "admin\u0000", "' OR 1=1 --", "%", "ADMIN"));
        INVALID.put("slug", List.of("", "UPPER", "-a", "a-", "a b", "a_b", "a%", "kеdai", "ｋｅｄａｉ", "a".repeat(64), "a\u0000",
                "ı", "'; DROP TABLE organizations;--", "a.b", "%", "_", "\\", "é"));
        INVALID.put("logo", List.of("ftp://example.com/a.png", "javascript:alert(1)", "http://", "//example.com/a.png",
                "https://example.com/" + "a".repeat(2048), "data:image/png;base64,AAAA", "not a url", "http://exa mple.com",
                "file:///etc/passwd", "https://\u0000", "%"));
        INVALID.put("premiumTierId", List.of("tier-gold", "", "TIER-PREMIUM", "tier-premium\u0000", "' OR 1=1 --", "%", "tier-%"));
        INVALID.put("userId", List.of("user-01jdq6z7m9x8k2v3w4y5z6a7b8", "", "' OR 1=1 --", "{org}", "%", "user-%", "USER-" + "0".repeat(26),
                "user-\u0000", "{member}"));
    }

    /** Unknown to every endpoint, and not among the read-only fields any endpoint ignores. */
    static final List<String> UNKNOWN_FIELDS = List.of("fistName", "Name", "EMAIL", "is_admin", "isAdmin", "__proto__",
            "constructor", "password", "organizationId", "ｎａｍｅ", "name\u0000", "", " name", "memberCount ", "ID", "created_at",
            "$where", "name.first", "role[]", "tenant", "ownerId");

    private record Endpoint(String method, String path, boolean create, Map<String, String> valid, Set<String> required) {
    }

    private static final List<Endpoint> WRITES = List.of(
            new Endpoint("POST", API + "/users", true, Map.of("name", "\"Fuzz Person\"", "email", "\"fuzz-%d@example.com\"",
                    "firstName", "\"Ali\"", "lastName", "\"Abu\"", "phone", "\"+60 12-345 6789\"", "dob", "\"1990-05-15\"", "role", "\"admin\""),
                    Set.of("name", "email")),
            new Endpoint("PUT", API + "/users/{user}", false, Map.of("name", "\"Fuzz Person\"", "email", "\"fuzz-%d@example.com\"",
                    "firstName", "\"Ali\"", "lastName", "\"Abu\"", "phone", "\"+60 12-345 6789\"", "dob", "\"1990-05-15\"", "role", "\"admin\""),
                    Set.of("name", "email", "role")),
            new Endpoint("POST", API + "/organizations", true, Map.of("name", "\"Fuzz Org\"", "slug", "\"fuzz-%d\"",
                    "logo", "\"https://cdn.example.com/l.png\"", "premiumTierId", "\"tier-premium\""), Set.of("name")),
            new Endpoint("PUT", API + "/organizations/{org}", false, Map.of("name", "\"Fuzz Org\"", "slug", "\"fuzz-%d\"",
                    "logo", "\"https://cdn.example.com/l.png\"", "premiumTierId", "\"tier-premium\""), Set.of("name", "slug")),
            new Endpoint("POST", API + "/organizations/{org}/members", true, Map.of("userId", "\"{otherUser}\"", "role", "\"admin\""),
                    Set.of("userId")),
            new Endpoint("PUT", API + "/organizations/{org}/members/{member}", false, Map.of("role", "\"customer\""), Set.of("role")));

    private static final List<String> ANY_PATH = List.of(
            API + "/users", API + "/users/{user}", API + "/users/{user}/organizations", API + "/organizations",
            API + "/organizations/{org}", API + "/organizations/{org}/members", API + "/organizations/{org}/members/{member}",
            API + "/premium-tiers", API + "/invoices", API + "/", API + "/users/{user}/../../organizations");

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private HostileRequests() {
    }

    /** Requests designed to be refused: each is wrong in at least one way that the contract makes a 4xx. */
    static Arbitrary<Probe> rejected() {
        return Arbitraries.frequencyOf(
                Tuple.of(14, unauthenticated()),
                Tuple.of(34, invalidBodies()),
                Tuple.of(14, malformedBodies()),
                Tuple.of(14, badPaths()),
                Tuple.of(12, badQueries()),
                Tuple.of(7, conflicts()),
                Tuple.of(3, wrongContentTypes()),
                Tuple.of(2, oversized()));
    }

    static Arbitrary<Probe> unauthenticated() {
        Arbitrary<List<Map.Entry<String, String>>> keyHeaders = Arbitraries.oneOf(
                Arbitraries.just(List.of()),
                Arbitraries.just(List.of(Map.entry("X-Invois-Key", ""))),
                Arbitraries.of(NASTY).filter(value -> !value.isBlank() && !value.contains("\r") && !value.contains("\t"))
                        .map(value -> List.of(Map.entry("X-Invois-Key", value))),
                Arbitraries.of("{key}x", "x{key}", "{key}\u0000", "{key}\u00e9", "K{key}", "{key}{key}", "{key}\u200B", "\u0000{key}", "{key}%00")
                        .map(value -> List.of(Map.entry("X-Invois-Key", value))),
                Arbitraries.just(List.of(Map.entry("X-Invois-Key", "{key}"), Map.entry("X-Invois-Key", "{key}"))),
                Arbitraries.just(List.of(Map.entry("X-Invois-Key", "{key}"), Map.entry("x-invois-key", "wrong-key-0000000"))),
                Arbitraries.of("Authorization", "X-Api-Key", "X-Invois-Key2", "X-Invois_Key", "Cookie")
                        .map(name -> List.of(Map.entry(name, name.equals("Authorization") ? "Bearer {key}" : "{key}"))));
        return Combinators.combine(Arbitraries.of(METHODS), Arbitraries.of(ANY_PATH), keyHeaders, Arbitraries.of("", "?key={key}", "?X-Invois-Key={key}"))
                .as((method, path, headers, query) -> new Probe("unauthenticated", method, path + query,
                        withJsonType(headers, method), bodyFor(method)));
    }

    static Arbitrary<Probe> invalidBodies() {
        return Combinators.combine(Arbitraries.of(WRITES), Arbitraries.integers().between(1, 3), Arbitraries.longs().between(1, 1_000_000_000L),
                        Arbitraries.randomValue(random -> random))
                .as((endpoint, mutations, unique, random) -> {
                    var fields = new LinkedHashMap<String, String>();
                    endpoint.valid().forEach((name, value) -> {
                        if (endpoint.create() && endpoint.required().contains(name) || random.nextInt(3) == 0) {
                            fields.put(name, value.replace("%d", String.valueOf(unique)));
                        }
                    });
                    var applied = new ArrayList<String>();
                    for (int i = 0; i < mutations; i++) {
                        applied.add(mutate(endpoint, fields, random));
                    }
                    return new Probe("invalid body (" + String.join(", ", applied) + ")", endpoint.method(), endpoint.path(),
                            List.of(Map.entry("X-Invois-Key", "{key}"), Map.entry("Content-Type", Probe.JSON)), object(fields));
                });
    }

    private static String mutate(Endpoint endpoint, Map<String, String> fields, java.util.Random random) {
        List<String> writable = new ArrayList<>(endpoint.valid().keySet());
        String field = writable.get(random.nextInt(writable.size()));
        switch (random.nextInt(4)) {
            case 0 -> {
                List<String> invalid = INVALID.get(field);
                String value = invalid.get(random.nextInt(invalid.size()));
                fields.put(field, jsonString(value));
                return field + " invalid";
            }
            case 1 -> {
                fields.put(field, WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size())));
                return field + " wrong type";
            }
            case 2 -> {
                String unknown = UNKNOWN_FIELDS.get(random.nextInt(UNKNOWN_FIELDS.size()));
                fields.put(unknown, random.nextBoolean() ? jsonString(NASTY.get(random.nextInt(NASTY.size()))) : "true");
                return "unknown field";
            }
            default -> {
                List<String> required = new ArrayList<>(endpoint.required());
                String missing = required.get(random.nextInt(required.size()));
                if (endpoint.create()) {
                    fields.remove(missing);
                    return missing + " missing";
                }
                fields.put(missing, "null");
                return missing + " null";
            }
        }
    }

    static Arbitrary<Probe> malformedBodies() {
        String deepArrays = "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        String hugeNumber = "{\"name\":" + "9".repeat(5_000) + "}";
        Arbitrary<String> bodies = Arbitraries.of(
                "", "{", "}", "{\"name\":}", "[]", "null", "\"text\"", "42", "true", "{\"a\":1}}", "{'name':'x'}",
                "{\"name\":\"Ali Abu\",\"name\":\"Ali Abu\",\"email\":\"dup@example.com\"}", "{\"role\":\"admin\",\"role\":\"admin\"}",
                "{\"name\":NaN}", "{\"name\":Infinity}", "{/*comment*/\"role\":\"admin\"}", "{\"role\":\"admin\",}", "{,}",
                "{\"role\":\"admin\"} trailing", "{\"role\":\"admin\"}{\"role\":\"admin\"}", "{\"name\":\"\uE000\"}",
                "{\"role\":\"\uE001\"}", "{\"name\":\"ab\uE002\"}", "{\"name\":\"\uE003etc\"}", "\uE001{}", "{\"name\":\"unterminated}",
                "{\"name\":\"bad escape \\x\"}", "{\"name\":\"\\uD800\\u\"}", "{\"role\":admin}", "{role:\"admin\"}", "\u0000",
                "{\"role\":\"admin\"}\u0000", deepArrays, deepObjects, hugeNumber, "[".repeat(100_000), "{\"a\":[" + "1,".repeat(100) + "]");
        return Combinators.combine(Arbitraries.of(WRITES), bodies)
                .as((endpoint, body) -> new Probe("malformed body", endpoint.method(), endpoint.path(),
                        List.of(Map.entry("X-Invois-Key", "{key}"), Map.entry("Content-Type", Probe.JSON)), body));
    }

    private record Call(String method, String path) {
    }

    static Arbitrary<Probe> badPaths() {
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.of("user-01jdq6z7m9x8k2v3w4y5z6a7b8", "org-01jdq6z7m9x8k2v3w4y5z6a7b8", "member-01jdq6z7m9x8k2v3w4y5z6a7b8",
                        "{user}x", "{org}0", "{member}z", "USER-01JDQ", "user-", "-", "%20", "%27%20OR%201%3D1--", "%25", "_", "%5C",
                        "%00", "%zz", "%C3%28", "%C0%AF", "%2F", "user-%F0%9F%98%80", "user-" + "a".repeat(1000), "user-\uE001",
                        "%E2%80%AE", "%EF%BC%A1", "*", "user-01jdq6z7m9x8k2v3w4y5z6a7b8;drop", "user-1,2", "null", "0", "%2E%2E%2F%2E%2E"),
                Arbitraries.strings().withCharRange('!', '~').excludeChars('/', '?', '#', '%', '{', '}', '\\', '"', '<', '>', '^', '`', '|', '.')
                        .ofMinLength(1).ofMaxLength(40));
        Arbitrary<Call> templates = Arbitraries.of(
                new Call("GET", API + "/users/%s"), new Call("DELETE", API + "/users/%s"), new Call("PUT", API + "/users/%s"),
                new Call("GET", API + "/users/%s/organizations"), new Call("GET", API + "/organizations/%s"),
                new Call("DELETE", API + "/organizations/%s"), new Call("PUT", API + "/organizations/%s"),
                new Call("GET", API + "/organizations/%s/members"), new Call("POST", API + "/organizations/%s/members"),
                new Call("GET", API + "/organizations/{org}/members/%s"), new Call("PUT", API + "/organizations/{org}/members/%s"),
                new Call("DELETE", API + "/organizations/{org}/members/%s"), new Call("DELETE", API + "/organizations/%s/members/{member}"),
                new Call("PUT", API + "/organizations/%s/members/{member}"), new Call("GET", API + "/%s"), new Call("DELETE", API + "/%s/{user}"));
        Arbitrary<Probe> badIds = Combinators.combine(templates, ids)
                .as((call, id) -> probe("bad path id", call.method(), call.path().replace("%s", id)));
        // API1: a membership of one organization, addressed under another's path.
        Arbitrary<Probe> fixed = Arbitraries.of(
                        new Call("GET", API + "/organizations/{otherOrg}/members/{member}"),
                        new Call("PUT", API + "/organizations/{otherOrg}/members/{member}"),
                        new Call("DELETE", API + "/organizations/{otherOrg}/members/{member}"),
                        new Call("GET", API + "/organizations/{org}/members/{otherMember}"),
                        new Call("DELETE", API + "/organizations/{org}/members/{otherMember}"),
                        new Call("PATCH", API + "/users/{user}"), new Call("POST", API + "/users/{user}"), new Call("DELETE", API + "/users"),
                        new Call("PUT", API + "/organizations"), new Call("POST", API + "/premium-tiers"), new Call("DELETE", API + "/premium-tiers"),
                        new Call("DELETE", API + "/users/{user}/organizations"), new Call("PATCH", API + "/organizations/{org}/members/{member}"),
                        new Call("POST", API + "/organizations/{org}/members/{member}"), new Call("TRACE", API + "/users"))
                .map(call -> probe("wrong method or owner", call.method(), call.path()));
        return Arbitraries.oneOf(badIds, fixed);
    }

    private static Probe probe(String kind, String method, String path) {
        boolean hasBody = method.equals("PUT") || method.equals("POST") || method.equals("PATCH");
        var headers = new ArrayList<Map.Entry<String, String>>();
        headers.add(Map.entry("X-Invois-Key", "{key}"));
        if (hasBody) {
            headers.add(Map.entry("Content-Type", Probe.JSON));
        }
        return new Probe(kind, method, path, headers, hasBody ? "{\"role\":\"customer\"}" : null);
    }

    static Arbitrary<Probe> badQueries() {
        Arbitrary<String> bad = Arbitraries.of(
                "page=0", "page=-1", "page=abc", "page=1.5", "page=1e3", "page=", "page=%20", "page=%EF%BC%91", "page=9999999999",
                "page=2147483648", "per_page=0", "per_page=101", "per_page=-5", "per_page=10%00", "per_page=0x10", "per_page=%2B5",
                "page=1&page=2", "per_page=5&per_page=5", "query=" + "q".repeat(101), "query=%00", "query=a%00b", "query=%ED%A0%80",
                "query=a&query=b", "email=" + "e".repeat(255), "email=%00", "slug=" + "s".repeat(64), "slug=%00", "page=%27%20OR%201%3D1--",
                "per_page=1;DROP%20TABLE%20users", "page=NaN", "page=Infinity", "page=%D9%A3");
        Arbitrary<String> lists = Arbitraries.of(API + "/users", API + "/organizations", API + "/organizations/{org}/members");
        Arbitrary<String> harmless = Arbitraries.of("", "&utm_source=x", "&query=%25", "&per_page=5", "&unknown=%27");
        return Combinators.combine(lists, bad, harmless)
                .as((list, query, extra) -> new Probe("bad query", "GET", list + "?" + query + extra,
                        List.of(Map.entry("X-Invois-Key", "{key}")), null))
                .filter(probe -> !(probe.target().contains("/members?") && (probe.target().contains("query=") || probe.target().contains("email=")
                        || probe.target().contains("slug="))) && !(probe.target().contains("/organizations?") && probe.target().contains("?email="))
                        && !(probe.target().contains("/users?") && probe.target().contains("?slug=")));
    }

    static Arbitrary<Probe> conflicts() {
        List<Map.Entry<String, String>> json = List.of(Map.entry("X-Invois-Key", "{key}"), Map.entry("Content-Type", Probe.JSON));
        Arbitrary<String> emailVariants = Arbitraries.of("{email}", "{EMAIL}", "{kelvinEmail}");
        Arbitrary<Probe> users = emailVariants.map(variant -> new Probe("email conflict", "POST", API + "/users", json,
                "{\"name\":\"Clash Person\",\"email\":\"" + variant + "\"}"));
        Arbitrary<Probe> userUpdates = emailVariants.map(variant -> new Probe("email conflict", "PUT", API + "/users/{user}", json,
                "{\"email\":\"" + variant + "\",\"lastName\":\"Changed\"}"));
        Arbitrary<Probe> slugs = Arbitraries.of("POST " + API + "/organizations", "PUT " + API + "/organizations/{org}")
                .map(call -> new Probe("slug conflict", call.split(" ")[0], call.split(" ")[1], json,
                        "{\"name\":\"Clash Org\",\"slug\":\"{slug}\"}"));
        Arbitrary<Probe> members = Arbitraries.of("admin", "customer")
                .map(role -> new Probe("member conflict", "POST", API + "/organizations/{org}/members", json,
                        "{\"userId\":\"{memberUser}\",\"role\":\"" + role + "\"}"));
        return Arbitraries.oneOf(users, userUpdates, slugs, members);
    }

    static Arbitrary<Probe> wrongContentTypes() {
        Arbitrary<String> types = Arbitraries.of("text/plain", "application/json; charset=iso-8859-1", "application/jsonx",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=utf-8; x=y",
                "application/xml", "*/*", "application/json, text/plain", "json", "application/json;charset=utf-16");
        return Combinators.combine(Arbitraries.of(WRITES), types, Arbitraries.longs().between(1, 1_000_000_000L))
                .as((endpoint, type, unique) -> new Probe("wrong content type", endpoint.method(), endpoint.path(),
                        List.of(Map.entry("X-Invois-Key", "{key}"), Map.entry("Content-Type", type)),
                        object(validBody(endpoint, unique))));
    }

    static Arbitrary<Probe> oversized() {
        List<Map.Entry<String, String>> json = List.of(Map.entry("X-Invois-Key", "{key}"), Map.entry("Content-Type", Probe.JSON));
        return Arbitraries.of(
                new Probe("1 MiB + 1 body", "POST", API + "/users", json, "{\"name\":\"" + MEBIBYTE_OF_X + "\"}"),
                new Probe("1 MiB string in a field", "POST", API + "/organizations", json,
                        "{\"name\":\"" + MEBIBYTE_OF_X.substring(0, 1024 * 1024 - 20) + "\"}"),
                new Probe("1 MiB string in a field", "PUT", API + "/users/{user}", json,
                        "{\"lastName\":\"" + "é".repeat(300_000) + "\"}"),
                new Probe("huge header", "GET", API + "/users", List.of(Map.entry("X-Invois-Key", "{key}"), Map.entry("X-Filler", "f".repeat(20_000))), null),
                new Probe("many headers", "GET", API + "/users", manyHeaders(), null),
                new Probe("long URL", "GET", API + "/users?query=" + "q".repeat(20_000), List.of(Map.entry("X-Invois-Key", "{key}")), null),
                new Probe("long path id", "GET", API + "/users/user-" + "a".repeat(20_000), List.of(Map.entry("X-Invois-Key", "{key}")), null));
    }

    private static List<Map.Entry<String, String>> manyHeaders() {
        var headers = new ArrayList<Map.Entry<String, String>>();
        headers.add(Map.entry("X-Invois-Key", "{key}"));
        for (int i = 0; i < 400; i++) {
            headers.add(Map.entry("X-Many-" + i, "value-" + i));
        }
        return headers;
    }

    static Map<String, String> validBody(Endpoint endpoint, long unique) {
        var fields = new LinkedHashMap<String, String>();
        endpoint.valid().forEach((name, value) -> fields.put(name, value.replace("%d", String.valueOf(unique))));
        return fields;
    }

    private static List<Map.Entry<String, String>> withJsonType(List<Map.Entry<String, String>> headers, String method) {
        if (!method.equals("POST") && !method.equals("PUT")) {
            return headers;
        }
        var all = new ArrayList<>(headers);
        all.add(Map.entry("Content-Type", Probe.JSON));
        return all;
    }

    private static String bodyFor(String method) {
        return method.equals("POST") || method.equals("PUT") ? "{\"name\":\"Sneaky Person\",\"email\":\"sneaky@example.com\"}" : null;
    }

    static String object(Map<String, String> fields) {
        var json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(jsonString(name)).append(':').append(value));
        return json.append('}').toString();
    }

    /**
     * A JSON string literal with every character outside printable ASCII escaped, so that lone
     * surrogates and NULs reach the server as the escapes a client would send; the invalid-UTF-8
     * markers of {@link Probe} stay raw.
     */
    static String jsonString(String value) {
        var json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f || c >= 0xE000 && c <= 0xE003) {
                json.append(c);
            } else {
                json.append(String.format("\\u%04x", (int) c));
            }
        }
        return json.append('"').toString();
    }
}
