package my.invois.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The whole configuration, read once from the environment (SPEC E). */
public record Config(
        int port,
        List<KeyEntry> apiKeys,
        Optional<String> databaseUrl,
        Path dataDir,
        Optional<String> redisUrl,
        TierLimits tierLimits,
        boolean rateLimitsEnabled,
        int databasePoolSize,
        Duration databaseTimeout,
        Duration drainTimeout,
        int authFailuresPerMinute,
        Duration authLockout,
        boolean trustProxy,
        Duration idleTimeout) {

    public Config {
        apiKeys = List.copyOf(apiKeys);
    }

    /** Secrets masked: safe to log. */
    @Override
    public String toString() {
        return "Config[port=" + port
                + ", apiKeys=" + apiKeys.stream().map(KeyEntry::toString).toList()
                + ", databaseUrl=" + databaseUrl.map(DatabaseUrl::masked).orElse("embedded")
                + ", dataDir=" + dataDir
                + ", redisUrl=" + redisUrl.map(DatabaseUrl::masked).orElse("none (in-process limiter)")
                + ", tierLimits=" + tierLimits
                + ", rateLimitsEnabled=" + rateLimitsEnabled
                + ", databasePoolSize=" + databasePoolSize
                + ", databaseTimeout=" + databaseTimeout.toMillis() + "ms"
                + ", drainTimeout=" + drainTimeout.toSeconds() + "s"
                + ", authFailuresPerMinute=" + authFailuresPerMinute
                + ", authLockout=" + authLockout.toSeconds() + "s"
                + ", trustProxy=" + trustProxy
                + ", idleTimeout=" + idleTimeout.toSeconds() + "s]";
    }
}
