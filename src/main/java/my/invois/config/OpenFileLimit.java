package my.invois.config;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** The process's limit on open files; every connection is one (the "Too many open files" of issue 14). */
final class OpenFileLimit {

    /** Files the server needs besides client connections: jars, logs, the pool, Redis, the embedded PostgreSQL's pipes. */
    static final long RESERVED = 512;

    private OpenFileLimit() {
    }

    /** Long.MAX_VALUE where the platform does not tell (not a Unix). */
    static long ofThisProcess() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount()
                : Long.MAX_VALUE;
    }
}
