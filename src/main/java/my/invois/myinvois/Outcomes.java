package my.invois.myinvois;

import my.invois.einvoices.EInvoice;
import org.jdbi.v3.core.Handle;

/** What other features do when LHDN decides on a document, in the transaction that records it (E5: notes, the consolidation fallback). */
public interface Outcomes {

    void valid(Handle handle, EInvoice einvoice);

    void invalid(Handle handle, EInvoice einvoice, String reason);

    Outcomes NONE = new Outcomes() {
        @Override
        public void valid(Handle handle, EInvoice einvoice) {
        }

        @Override
        public void invalid(Handle handle, EInvoice einvoice, String reason) {
        }
    };
}
