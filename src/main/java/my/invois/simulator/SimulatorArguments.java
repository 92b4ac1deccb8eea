package my.invois.simulator;

import java.nio.file.Path;
import java.time.Duration;

/** The simulator's command line, checked once: a bad value names the option. */
record SimulatorArguments(SimulatorSettings settings, Path dataDir) {

    static SimulatorArguments parse(String[] args) {
        SimulatorSettings settings = SimulatorSettings.defaults().withDevelopmentSecret(SimulatorMain.DEFAULT_SECRET);
        Path dataDir = Path.of(SimulatorMain.DEFAULT_DATA_DIR);
        int i = 0;
        while (i < args.length) {
            String option = args[i].split("=", 2)[0];
            String value = SimulatorMain.value(args, i, option).orElseThrow();
            switch (option) {
                case "--port" -> settings = settings.withPort(number(option, value, 0, 65_535));
                case "--data-dir" -> dataDir = Path.of(value);
                case "--development-secret" -> settings = settings.withDevelopmentSecret(value);
                case "--validation-delay-ms" -> settings = settings.withValidationDelay(Duration.ofMillis(number(option, value, 0, 600_000)));
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (known: --port, --data-dir, --development-secret, --validation-delay-ms)");
            }
            i += args[i].contains("=") ? 1 : 2;
        }
        return new SimulatorArguments(settings, dataDir);
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }
}
