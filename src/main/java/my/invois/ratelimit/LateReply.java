package my.invois.ratelimit;

/** The shared counters answered later than the command timeout: slow, which is not yet down. */
final class LateReply extends RuntimeException {

    LateReply(String message, Throwable cause) {
        super(message, cause);
    }
}
