package my.invois.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import my.invois.einvoices.signing.EinvoiceVersion;
import my.invois.orders.MonthClose;

/** The whole configuration, read once from the environment (SPEC E). */
public record Config(
        int port,
        List<KeyEntry> apiKeys,
        Optional<String> databaseUrl,
        Path dataDir,
        Optional<String> redisUrl,
        Duration redisTimeout,
        int instances,
        TierLimits tierLimits,
        boolean rateLimitsEnabled,
        int databasePoolSize,
        Duration databaseTimeout,
        Duration drainTimeout,
        boolean metricsEnabled,
        OptionalInt metricsPort,
        LogFormat logFormat,
        int authFailuresPerMinute,
        Duration authLockout,
        boolean trustProxy,
        Duration idleTimeout,
        boolean embeddedSynchronousCommit,
        ClientLimits clientLimits,
        int httpThreads,
        Optional<SigningKeystore> signingKeystore,
        EinvoiceVersion einvoiceVersion,
        Optional<String> secretKey,
        MyInvoisSettings myinvois,
        List<String> shopifyApiSecrets,
        MonthClose.OverLimit overLimitFallback) {

    public Config {
        apiKeys = List.copyOf(apiKeys);
        shopifyApiSecrets = List.copyOf(shopifyApiSecrets);
    }

    /** Secrets masked: safe to log. */
    @Override
    public String toString() {
        return "Config[port=" + port
                + ", apiKeys=" + apiKeys.stream().map(KeyEntry::toString).toList()
                + ", databaseUrl=" + databaseUrl.map(DatabaseUrl::masked).orElse("embedded")
                + ", dataDir=" + dataDir
                + ", redisUrl=" + redisUrl.map(Config::maskedRedisUrl).orElse("none (in-process limiter)")
                + ", redisTimeout=" + redisTimeout.toMillis() + "ms"
                + ", instances=" + instances
                + ", tierLimits=" + tierLimits
                + ", rateLimitsEnabled=" + rateLimitsEnabled
                + ", databasePoolSize=" + databasePoolSize
                + ", databaseTimeout=" + databaseTimeout.toMillis() + "ms"
                + ", drainTimeout=" + drainTimeout.toSeconds() + "s"
                + ", metrics=" + (!metricsEnabled ? "off" : metricsPort.isPresent() ? "on port " + metricsPort.getAsInt() : "on the API port")
                + ", logFormat=" + logFormat.label()
                + ", authFailuresPerMinute=" + authFailuresPerMinute
                + ", authLockout=" + authLockout.toSeconds() + "s"
                + ", trustProxy=" + trustProxy
                + ", idleTimeout=" + idleTimeout.toSeconds() + "s"
                + ", embeddedSynchronousCommit=" + (embeddedSynchronousCommit ? "on" : "off")
                + ", maxConnections=" + clientLimits.maxConnections()
                + ", maxConnectionsPerAddress=" + clientLimits.maxConnectionsPerAddress()
                + ", requestReadTimeout=" + clientLimits.requestReadTimeout().toSeconds() + "s"
                + ", httpThreads=" + httpThreads
                + ", signingKeystore=" + signingKeystore.map(SigningKeystore::toString).orElse("none (self-signed test certificate)")
                + ", einvoiceVersion=" + einvoiceVersion.listVersionID()
                + ", secretKey=" + secretKey.map(key -> "****").orElse("none (generated in the data directory)")
                + ", myinvois=" + myinvois
                + ", shopifyApiSecrets=" + (shopifyApiSecrets.isEmpty() ? "none (Shopify webhooks refused)"
                        : shopifyApiSecrets.stream().map(secret -> "****").toList())
                + ", overLimitFallback=" + overLimitFallback.name().toLowerCase(Locale.ROOT) + "]";
    }

    /** Redis takes a bare password as user info (redis://secret@host), so all of it is masked. */
    private static String maskedRedisUrl(String url) {
        return url.replaceAll("//[^/@]*@", "//****@");
    }
}
