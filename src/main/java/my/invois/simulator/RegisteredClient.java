package my.invois.simulator;

import java.util.Optional;
import java.util.Set;

/**
 * An ERP client registered on the simulator: its own TIN (a taxpayer's, or an intermediary's,
 * which its signing certificate may carry instead of the issuer's) and the taxpayers it may act
 * for with {@code onbehalfof}. A client without taxpayers logs in as its own TIN only.
 */
public record RegisteredClient(String clientId, String clientSecret, Optional<String> tin, Set<String> taxpayers) {

    public RegisteredClient {
        taxpayers = Set.copyOf(taxpayers);
    }

    public static RegisteredClient intermediary(String clientId, String clientSecret, String tin, Set<String> taxpayers) {
        return new RegisteredClient(clientId, clientSecret, Optional.of(tin), taxpayers);
    }
}
