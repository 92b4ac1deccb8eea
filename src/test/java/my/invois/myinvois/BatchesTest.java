package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import my.invois.einvoices.QueuedDocument;
import org.junit.jupiter.api.Test;

class BatchesTest {

    private static QueuedDocument document(int number, int bytes) {
        return new QueuedDocument("einv-" + number, "INV" + number, new byte[bytes]);
    }

    private static List<QueuedDocument> documents(int count, int bytes) {
        return IntStream.range(0, count).mapToObj(n -> document(n, bytes)).toList();
    }

    @Test
    void a_batch_holds_at_most_100_documents_oldest_first() {
        Batches.Batch batch = Batches.of(documents(150, 1_000));
        assertThat(batch.send()).hasSize(100);
        assertThat(batch.send().get(0).number()).isEqualTo("INV0");
        assertThat(batch.tooLarge()).isEmpty();
    }

    @Test
    void a_batch_stays_within_5_mb_counting_base64() {
        // 290 KB each: 19 fit under 5 MB raw, but only 13 once base64-encoded.
        Batches.Batch batch = Batches.of(documents(30, 290 * 1024));
        assertThat(batch.send()).hasSize(13);
        long body = batch.send().stream().mapToLong(d -> Batches.entryBytes(d.bytes().length)).sum();
        assertThat(body).isLessThanOrEqualTo(Batches.MAX_SUBMISSION_BYTES);
    }

    @Test
    void a_document_over_300_kb_is_never_sent_and_the_rest_still_go() {
        var queued = new ArrayList<>(documents(3, 1_000));
        queued.add(1, document(99, Batches.MAX_DOCUMENT_BYTES + 1));
        Batches.Batch batch = Batches.of(queued);
        assertThat(batch.tooLarge()).extracting(QueuedDocument::number).containsExactly("INV99");
        assertThat(batch.send()).extracting(QueuedDocument::number).containsExactly("INV0", "INV1", "INV2");
        assertThat(Batches.of(List.of(document(1, Batches.MAX_DOCUMENT_BYTES))).send()).hasSize(1);
    }
}
