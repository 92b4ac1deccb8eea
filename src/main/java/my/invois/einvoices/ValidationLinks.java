package my.invois.einvoices;

import java.util.Optional;

/**
 * E1: the portal whose validation links a buyer opens, {@code {portal}/{uuid}/share/{longId}}
 * (GL §2.4.4): LHDN's preprod or production portal, or the built-in simulator's own.
 */
public record ValidationLinks(String portal) {

    public Optional<String> of(EInvoice einvoice) {
        // LHDN gives a long ID only to a Valid document; an empty one is no link either.
        if (einvoice.uuid().isEmpty() || einvoice.longId().filter(id -> !id.isEmpty()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(portal + "/" + einvoice.uuid().get() + "/share/" + einvoice.longId().get());
    }
}
