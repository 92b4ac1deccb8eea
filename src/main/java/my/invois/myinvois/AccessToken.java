package my.invois.myinvois;

/** A Bearer token from /connect/token. A secret: never logged, toString hides it. */
public record AccessToken(String value) {

    @Override
    public String toString() {
        return "AccessToken[****]";
    }
}
