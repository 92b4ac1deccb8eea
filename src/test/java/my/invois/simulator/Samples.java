package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** LHDN's official samples (test resources lhdn/samples/), minified as LHDN hashes them. */
final class Samples {

    static final String SUPPLIER_TIN = "Supplier's TIN";
    /** The organizationIdentifier of the samples' certificates: the signer, an intermediary for the supplier. */
    static final String CERTIFICATE_TIN = "C29702635060";

    private Samples() {
    }

    static JsonNode tree(String name) {
        return Ubl.parse(pretty(name)).orElseThrow();
    }

    static byte[] minified(String name) {
        return Ubl.minified(tree(name));
    }

    static String text(String name) {
        return new String(minified(name), StandardCharsets.UTF_8);
    }

    private static byte[] pretty(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/lhdn/samples/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("missing sample " + name, e));
        }
    }
}
