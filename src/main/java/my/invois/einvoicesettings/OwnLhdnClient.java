package my.invois.einvoicesettings;

import java.util.Arrays;

/** A merchant's own LHDN client (E2 lhdnClient = own), its secrets opened. Never log it; toString hides them. */
public record OwnLhdnClient(String clientId, String clientSecret, byte[] signingKeystore, String signingKeystorePassword) {

    public OwnLhdnClient {
        signingKeystore = signingKeystore.clone();
    }

    @Override
    public byte[] signingKeystore() {
        return signingKeystore.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OwnLhdnClient own && clientId.equals(own.clientId) && clientSecret.equals(own.clientSecret)
                && Arrays.equals(signingKeystore, own.signingKeystore) && signingKeystorePassword.equals(own.signingKeystorePassword);
    }

    @Override
    public int hashCode() {
        return clientId.hashCode();
    }

    @Override
    public String toString() {
        return "OwnLhdnClient[clientId=" + clientId + ", clientSecret=****, signingKeystore=****, signingKeystorePassword=****]";
    }
}
