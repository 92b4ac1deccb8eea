package my.invois.http;

import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.ContractErrors;
import my.invois.testing.RawHttp;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Regressions found by the fuzzer (reliability/RejectedInputFuzzTest), pinned as examples. */
class MalformedInputApiTest extends ApiTest {

    private final TestServer server = TestServer.shared();

    private RawHttp.Reply send(String method, String target, byte[] body) {
        return RawHttp.send(server.port(), method, target.getBytes(StandardCharsets.ISO_8859_1),
                List.of(RawHttp.Header.of("X-Invois-Key", server.key()), RawHttp.Header.of("Content-Type", "application/json")), body);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    @Test
    void overlong_or_surrogate_utf8_in_a_body_is_400_and_never_decoded() {
        String org = Api.PREFIX + "/organizations/" + anOrganization().withName("Kedai Asal").create(api).get("id").asText();
        byte[][] malformed = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};

        for (byte[] bytes : malformed) {
            RawHttp.Reply reply = send("PUT", org, concat("{\"name\":\"", bytes, "etc/passwd\"}"));

            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            ContractErrors.assertContractError("overlong UTF-8", reply.status(), reply.header("Content-Type").orElse(""), reply.body());
        }
        assertThat(api.get(org).json().get("name").asText()).isEqualTo("Kedai Asal");
    }

    @Test
    void a_byte_order_mark_before_the_json_is_still_read() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

        RawHttp.Reply reply = send("POST", Api.PREFIX + "/organizations", concat("", bom, "{\"name\":\"Kedai BOM\"}"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    @Test
    void a_malformed_url_gets_a_json_error_whatever_the_method() {
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String target : List.of(Api.PREFIX + "/organizations/a]b", Api.PREFIX + "/users/%zz", Api.PREFIX + "/users/a[")) {
                RawHttp.Reply reply = send(method, target, method.startsWith("P") ? "{}".getBytes(StandardCharsets.UTF_8) : null);

                assertThat(reply.status()).as("%s %s", method, target).isEqualTo(400);
                ContractErrors.assertContractError(method + " " + target, reply.status(), reply.header("Content-Type").orElse(""), reply.body());
            }
        }
    }
}
