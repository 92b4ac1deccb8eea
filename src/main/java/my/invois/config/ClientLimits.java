package my.invois.config;

import java.time.Duration;

/**
 * What one client may tie up: connections (each an open file), in total and per address, and
 * the time from a request's headers to the last byte of its body.
 */
public record ClientLimits(int maxConnections, int maxConnectionsPerAddress, Duration requestReadTimeout) {
}
