package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE.md: the simulator depends on nothing of the product but the code tables. */
class SimulatorIndependenceTest {

    @Test
    void the_simulator_imports_no_product_package_but_the_code_tables() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/my/invois/simulator"))) {
            imports = files.flatMap(SimulatorIndependenceTest::lines)
                    .filter(line -> line.startsWith("import my.invois.") || line.startsWith("import static my.invois."))
                    .distinct().toList();
        }
        assertThat(imports).containsExactly("import my.invois.lhdn.CodeTable;");
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
