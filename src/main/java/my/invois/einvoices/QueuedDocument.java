package my.invois.einvoices;

/** A queued document as the engine sends it: its internal number (LHDN's codeNumber) and its exact stored bytes. */
public record QueuedDocument(String id, String number, byte[] bytes) {

    public QueuedDocument {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
