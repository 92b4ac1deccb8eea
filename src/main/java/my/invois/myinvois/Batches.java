package my.invois.myinvois;

import java.util.ArrayList;
import java.util.List;
import my.invois.einvoices.QueuedDocument;

/** E6 batching, a pure function: LHDN's limits of one submission, measured on the minified bytes (reference §2.1). */
final class Batches {

    static final int MAX_DOCUMENTS = 100;
    /** 300 KB per document, as LHDN counts (307,200 bytes). */
    static final int MAX_DOCUMENT_BYTES = 300 * 1024;
    /** 5 MB per submission body (5,242,880 bytes); documents travel base64-encoded inside it. */
    static final long MAX_SUBMISSION_BYTES = 5L * 1024 * 1024;
    /** The JSON around each document: format, hash (64), codeNumber, keys and punctuation; generous. */
    private static final int ENTRY_OVERHEAD = 256;
    private static final int BODY_OVERHEAD = 64;

    /** The batch to send (in order), the documents too large to send at all, and those left for the next batch. */
    record Batch(List<QueuedDocument> send, List<QueuedDocument> tooLarge) {
    }

    private Batches() {
    }

    static Batch of(List<QueuedDocument> oldestFirst) {
        var send = new ArrayList<QueuedDocument>();
        var tooLarge = new ArrayList<QueuedDocument>();
        long body = BODY_OVERHEAD;
        for (QueuedDocument document : oldestFirst) {
            int size = document.bytes().length;
            if (size > MAX_DOCUMENT_BYTES) {
                tooLarge.add(document);
                continue;
            }
            long entry = entryBytes(size);
            if (send.size() == MAX_DOCUMENTS || body + entry > MAX_SUBMISSION_BYTES) {
                break;
            }
            send.add(document);
            body += entry;
        }
        return new Batch(List.copyOf(send), List.copyOf(tooLarge));
    }

    static long entryBytes(int documentBytes) {
        return 4L * ((documentBytes + 2) / 3) + ENTRY_OVERHEAD;
    }
}
