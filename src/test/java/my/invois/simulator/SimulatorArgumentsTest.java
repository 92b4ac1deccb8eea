package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorArgumentsTest {

    @Test
    void options_come_as_pairs_or_with_an_equals_sign() {
        SimulatorArguments arguments = SimulatorArguments.parse(new String[] {"--port", "8090", "--data-dir=/tmp/sim",
                "--validation-delay-ms=0", "--development-secret", "s3"});
        assertThat(arguments.settings().port()).isEqualTo(8090);
        assertThat(arguments.dataDir()).isEqualTo(Path.of("/tmp/sim"));
        assertThat(arguments.settings().validationDelay()).isEqualTo(Duration.ZERO);
        assertThat(arguments.settings().developmentSecret()).contains("s3");
    }

    @Test
    void no_options_mean_a_free_port_the_default_directory_and_the_default_development_secret() {
        SimulatorArguments arguments = SimulatorArguments.parse(new String[0]);
        assertThat(arguments.settings().port()).isZero();
        assertThat(arguments.dataDir()).isEqualTo(Path.of(SimulatorMain.DEFAULT_DATA_DIR));
        assertThat(arguments.settings().developmentSecret()).contains(SimulatorMain.DEFAULT_SECRET);
        assertThat(arguments.settings().validationDelay()).isEqualTo(SimulatorSettings.DEFAULT_VALIDATION_DELAY);
    }

    @Test
    void a_bad_value_or_an_unknown_option_names_the_option() {
        assertThatThrownBy(() -> SimulatorArguments.parse(new String[] {"--port", "70000"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> SimulatorArguments.parse(new String[] {"--port"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> SimulatorArguments.parse(new String[] {"--colour", "red"})).hasMessageContaining("--colour");
    }
}
