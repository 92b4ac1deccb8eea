package my.invois.myinvois;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/** The identity service's {access_token, token_type, expires_in, scope} (anchors §1.2). toString hides the token. */
record LoginAnswer(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {

    AccessToken token() {
        return new AccessToken(accessToken);
    }

    Duration lifetime() {
        return Duration.ofSeconds(expiresIn);
    }

    @Override
    public String toString() {
        return "LoginAnswer[accessToken=****, expiresIn=" + expiresIn + "]";
    }
}
