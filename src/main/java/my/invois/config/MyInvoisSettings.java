package my.invois.config;

import java.time.Duration;
import java.util.Optional;

/**
 * E1: where LHDN is and who Invois is to it. {@code url} empty: the built-in simulator, which is
 * then its own portal, and the client ID and secret (generated unless set) are its development
 * client's. toString masks the secret.
 */
public record MyInvoisSettings(
        Optional<String> url,
        Optional<String> portalUrl,
        Optional<String> clientId,
        Optional<String> clientSecret,
        Duration connectTimeout,
        Duration requestTimeout) {

    public static final String PREPROD_API = "https://preprod-api.myinvois.hasil.gov.my";
    public static final String PREPROD_PORTAL = "https://preprod.myinvois.hasil.gov.my";
    public static final String PROD_API = "https://api.myinvois.hasil.gov.my";
    public static final String PROD_PORTAL = "https://myinvois.hasil.gov.my";

    @Override
    public String toString() {
        return url.map(base -> base + " (portal " + portalUrl.orElse("?") + ")").orElse("the built-in simulator")
                + ", clientId " + clientId.orElse("generated")
                + ", clientSecret " + clientSecret.map(secret -> "****").orElse("generated")
                + ", timeouts " + connectTimeout.toMillis() + "ms connect, " + requestTimeout.toMillis() + "ms request";
    }
}
