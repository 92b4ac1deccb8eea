package my.invois.docs;

import static my.invois.testing.OrganizationBuilder.addMember;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import my.invois.testing.ApiTest;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The curl examples of README.md, run with /bin/sh against the server: each block marked
 * {@code <!-- example:NAME -->} must answer as listed here, so the README cannot rot.
 */
class ReadmeExamplesTest extends ApiTest {

    private static final Path README = Path.of("README.md");
    private static final Path CURL = Path.of("/usr/bin/curl");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example:([a-z-]+) -->\\s*```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ANSWER_END = Pattern.compile("\\n?--> HTTP (\\d{3})\\n");
    /** Every curl call prints its status after its body, so the test can tell the answers apart. */
    private static final String PRELUDE = "curl() { command curl -sS -w '\\n--> HTTP %{http_code}\\n' \"$@\"; }\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** What each example must answer, call by call; {@code withMember}: the fixtures include a membership. */
    private record Expected(boolean withMember, List<Consumer<Answer>> answers) {
    }

    private static Consumer<Answer> status(int status, Consumer<JsonNode> check) {
        return answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(status);
            check.accept(answer.json());
        };
    }

    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry("create-user", new Expected(false, List.of(status(201, user -> {
                assertThat(user.get("id").asText()).startsWith("user-");
                assertThat(user.get("members")).isEmpty();
            })))),
            Map.entry("search-users", new Expected(false, List.of(status(200, page -> {
                assertThat(page.get("data")).hasSize(1);
                assertThat(page.get("meta").get("per_page").asInt()).isEqualTo(10);
            })))),
            Map.entry("find-user-by-email", new Expected(false, List.of(status(200,
                    page -> assertThat(page.get("data").get(0).get("email").asText()).isEqualTo("aisyah@example.com"))))),
            Map.entry("get-user", new Expected(false, List.of(status(200, user -> assertThat(user.has("members")).isTrue())))),
            Map.entry("update-user", new Expected(false, List.of(status(200, user -> {
                assertThat(user.get("lastName").asText()).isEqualTo("Rahman");
                assertThat(user.get("phone").isNull()).isTrue();
            })))),
            Map.entry("invalid-user", new Expected(false, List.of(status(400, error -> {
                assertThat(error.get("error").asText()).isEqualTo("Validation Error");
                assertThat(error.get("details").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("name", "email", "role");
            })))),
            Map.entry("create-organization", new Expected(false, List.of(status(201, organization -> {
                assertThat(organization.get("slug").asText()).isEqualTo("kedai-batik-siti");
                assertThat(organization.get("premiumTier").get("id").asText()).isEqualTo("tier-premium");
            })))),
            Map.entry("add-member", new Expected(false, List.of(
                    status(201, member -> assertThat(member.get("role").asText()).isEqualTo("admin")),
                    status(200, page -> assertThat(page.get("meta").get("total").asInt()).isEqualTo(1))))),
            Map.entry("user-organizations", new Expected(true, List.of(status(200,
                    list -> assertThat(list.get("data").get(0).get("membership").get("role").asText()).isEqualTo("customer"))))),
            Map.entry("delete", new Expected(true, List.of(
                    answer -> assertThat(answer.status()).isEqualTo(204), answer -> assertThat(answer.status()).isEqualTo(204)))),
            Map.entry("post-order", new Expected(false, List.of(
                    status(202, order -> assertThat(order.get("status").asText()).isEqualTo("pending")),
                    status(200, order -> assertThat(order.get("payable").asText()).isEqualTo("100.00"))))),
            Map.entry("premium-tiers", new Expected(false, List.of(status(200, list -> assertThat(list.get("data")).hasSize(2))))),
            Map.entry("no-key", new Expected(false, List.of(status(401,
                    error -> assertThat(error.get("error").asText()).isEqualTo("Unauthorized: Valid API key required"))))),
            Map.entry("health", new Expected(false, List.of(status(200, health -> assertThat(health.get("status").asText()).isEqualTo("ok"))))),
            Map.entry("metrics", new Expected(false, List.of(answer -> {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).contains("# TYPE http_server_requests_seconds histogram");
            }))));

    /** Run by {@link NewcomerTest} against the real Main with no configuration: they need the engine and the built-in simulator. */
    static final Set<String> RUN_BY_THE_NEWCOMER_TEST = Set.of(NewcomerTest.EXAMPLE);

    static Map<String, String> examples() throws IOException {
        var examples = new LinkedHashMap<String, String>();
        Matcher matcher = EXAMPLE.matcher(Files.readString(README, StandardCharsets.UTF_8));
        while (matcher.find()) {
            assertThat(examples.put(matcher.group(1), matcher.group(2))).as("example " + matcher.group(1) + " appears once").isNull();
        }
        return examples;
    }

    static Stream<Arguments> readmeExamples() throws IOException {
        return examples().entrySet().stream().map(example -> Arguments.of(example.getKey(), example.getValue()));
    }

    @Test
    void every_example_is_checked_and_every_check_has_its_example() throws IOException {
        var checked = new java.util.HashSet<>(EXPECTED.keySet());
        checked.addAll(RUN_BY_THE_NEWCOMER_TEST);
        assertThat(examples().keySet()).containsExactlyInAnyOrderElementsOf(checked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmeExamples")
    void example_answers_as_the_readme_says(String name, String script) throws Exception {
        assumeTrue(Files.isExecutable(CURL), "curl is not installed at " + CURL);
        assumeTrue(!RUN_BY_THE_NEWCOMER_TEST.contains(name), "run by NewcomerTest");
        Expected expected = EXPECTED.get(name);
        JsonNode user = aUser().withName("Aisyah Ahmad").withEmail("aisyah@example.com").with("phone", "+60 19-876 5432").create(api);
        JsonNode organization = anOrganization().withName("Warung Aisyah").create(api);
        var environment = new LinkedHashMap<>(Map.of("KEY", TestServer.shared().key(),
                "USER_ID", user.get("id").asText(), "ORG_ID", organization.get("id").asText()));
        if (expected.withMember()) {
            environment.put("MEMBER_ID", addMember(api, organization, user, "customer").get("id").asText());
        }

        List<Answer> answers = run(script.replace("http://localhost:8080", api.base()), environment);

        assertThat(answers).as("answers of example " + name).hasSameSizeAs(expected.answers());
        for (int i = 0; i < answers.size(); i++) {
            expected.answers().get(i).accept(answers.get(i));
        }
    }

    /** The script's answers: status and body of each curl call whose output it printed. */
    static List<Map.Entry<Integer, String>> answers(String script, Map<String, String> environment)
            throws IOException, InterruptedException {
        return run(script, environment).stream().map(a -> Map.entry(a.status(), a.body())).toList();
    }

    private static List<Answer> run(String script, Map<String, String> environment) throws IOException, InterruptedException {
        var process = new ProcessBuilder("/bin/sh", "-c", PRELUDE + script).redirectErrorStream(true);
        process.environment().putAll(environment);
        Process shell = process.start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as(output).isZero();
        var answers = new ArrayList<Answer>();
        Matcher end = ANSWER_END.matcher(output);
        int start = 0;
        while (end.find()) {
            answers.add(new Answer(Integer.parseInt(end.group(1)), output.substring(start, end.start())));
            start = end.end();
        }
        return answers;
    }
}
