package my.invois.simulator;

import java.util.Optional;

/** Who calls, from the Bearer token: the client ID, its own TIN, and the taxpayer it acts as. */
record Session(String clientId, Optional<String> clientTin, String taxpayerTin) {
}
