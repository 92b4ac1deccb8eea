package my.invois.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a simulator runs. {@code developmentSecret}: any client ID presenting this secret logs in,
 * for any {@code onbehalfof} taxpayer (the product's zero-set-up run); empty turns that mode off,
 * leaving only the registered {@code clients}.
 */
public record SimulatorSettings(
        int port,
        Duration validationDelay,
        Optional<String> developmentSecret,
        List<RegisteredClient> clients,
        Faults faults) {

    public static final Duration DEFAULT_VALIDATION_DELAY = Duration.ofSeconds(1);

    public SimulatorSettings {
        clients = List.copyOf(clients);
    }

    /** A loopback port of its own, validation after 1 s, no development mode, no faults. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(0, DEFAULT_VALIDATION_DELAY, Optional.empty(), List.of(), Faults.NONE);
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(newPort, validationDelay, developmentSecret, clients, faults);
    }

    public SimulatorSettings withValidationDelay(Duration delay) {
        return new SimulatorSettings(port, delay, developmentSecret, clients, faults);
    }

    public SimulatorSettings withDevelopmentSecret(String secret) {
        return new SimulatorSettings(port, validationDelay, Optional.of(secret), clients, faults);
    }

    public SimulatorSettings withClient(RegisteredClient client) {
        var all = new ArrayList<>(clients);
        all.add(client);
        return new SimulatorSettings(port, validationDelay, developmentSecret, all, faults);
    }
}
