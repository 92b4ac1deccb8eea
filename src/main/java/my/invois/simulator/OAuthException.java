package my.invois.simulator;

/** A refused login, answered 400 as OAuth does: {@code {"error":"invalid_client","error_description":…}}. */
final class OAuthException extends RuntimeException {

    private final String error;

    OAuthException(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    String error() {
        return error;
    }
}
