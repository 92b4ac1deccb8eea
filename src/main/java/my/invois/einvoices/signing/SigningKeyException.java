package my.invois.einvoices.signing;

/**
 * A keystore that cannot sign. The message is written for the person who supplied the keystore
 * (a start-up error or a 400) and never contains the password.
 */
public final class SigningKeyException extends RuntimeException {

    public enum Problem { NOT_PKCS12, WRONG_PASSWORD, NO_PRIVATE_KEY, SEVERAL_PRIVATE_KEYS, NOT_RSA, NOT_YET_VALID, EXPIRED }

    private final Problem problem;

    SigningKeyException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
