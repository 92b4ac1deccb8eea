package my.invois.einvoices.document;

/** The e-invoice a note corrects, as LHDN knows it: its submitted internal number and LHDN's UUID. */
public record OriginalDocument(String internalId, String uuid) {
}
