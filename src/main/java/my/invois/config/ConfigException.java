package my.invois.config;

/** A setting that stops start-up; the message names the variable and the fix. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
