package my.invois.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import my.invois.testing.ApiTest;
import org.junit.jupiter.api.Test;

/**
 * The /docs page as a person sees it: headless Chromium (Debian's package; .ci/run installs it)
 * loads the page, runs Swagger UI on the served document, and must list the endpoints. The
 * screenshot is kept as target/docs-screenshot.png. Skipped where Chromium is not installed.
 */
class DocsPageBrowserTest extends ApiTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOT = Path.of("target", "docs-screenshot.png");

    @Test
    void the_reference_page_renders_every_endpoint_from_the_jar() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        String url = api.base() + "/docs";

        String dom = chromium("--dump-dom", url);
        Files.deleteIfExists(SCREENSHOT);
        chromium("--screenshot=" + SCREENSHOT.toAbsolutePath(), url);

        assertThat(dom).contains("Invois Integration API");
        for (String path : List.of("/api/integrations/users", "/api/integrations/users/{id}", "/api/integrations/users/{id}/organizations",
                "/api/integrations/organizations", "/api/integrations/organizations/{id}", "/api/integrations/organizations/{id}/members",
                "/api/integrations/organizations/{id}/members/{memberId}", "/api/integrations/premium-tiers", "/health")) {
            assertThat(dom).contains("data-path=\"" + path + "\"");
        }
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    /** Runs Chromium once on a fresh profile, with every background fetch of its own turned off. */
    private static String chromium(String action, String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("invois-chromium");
        Path output = Files.createTempFile("invois-chromium", ".out");
        var command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1280,3000",
                "--virtual-time-budget=10000", action, url));
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("Chromium finished in time").isTrue();
            assertThat(process.exitValue()).as("Chromium's exit code").isZero();
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
