package my.invois.myinvois;

import my.invois.secrets.SecretBox;
import my.invois.secrets.Sealed;
import my.invois.testing.TestDatabase;

/** The stored token of an account, opened, and the rows of lhdn_tokens, for tests. */
final class TestDatabaseTokens {

    private TestDatabaseTokens() {
    }

    static String one(SecretBox secrets, LhdnAccount account) {
        byte[] sealed = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT access_token FROM lhdn_tokens WHERE client_id = :clientId AND taxpayer = :taxpayer")
                .bind("clientId", account.clientId()).bind("taxpayer", account.taxpayer()).mapTo(byte[].class).one());
        return secrets.openText(new Sealed(sealed), "lhdn_tokens/" + account.clientId() + "/" + account.taxpayer());
    }
}
