package my.invois.secrets;

/** A sealed secret could not be opened: another key, a key version this server lacks, or altered bytes. */
public final class SecretBoxException extends RuntimeException {

    SecretBoxException(String message, Throwable cause) {
        super(message, cause);
    }
}
