package my.invois.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validation LHDN runs after the 202 (anchors §1.5): each accepted document is Submitted
 * until, after the configured delay, its steps decide Valid (with a longId) or Invalid.
 */
final class Validation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Validation.class);

    private final DocumentRepository documents;
    private final Duration delay;
    private final SimIds ids;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "myinvois-simulator-validation");
        thread.setDaemon(true);
        return thread;
    });

    Validation(DocumentRepository documents, Duration delay, SimIds ids, Clock clock) {
        this.documents = documents;
        this.delay = delay;
        this.ids = ids;
        this.clock = clock;
    }

    void schedule(List<String> uuids) {
        executor.schedule(() -> uuids.forEach(this::validateSafely), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Documents left Submitted by a stop are validated after a restart. */
    void resume() {
        schedule(documents.submittedUuids());
    }

    private void validateSafely(String uuid) {
        try {
            validate(uuid);
        } catch (RuntimeException e) {
            log.error("Could not validate document {}", uuid, e);
        }
    }

    private void validate(String uuid) {
        StoredDocument stored = documents.find(uuid).orElseThrow();
        JsonNode document = Ubl.parse(documents.bytes(uuid).orElseThrow()).orElseThrow();
        List<ValidationStep> steps = Validators.steps(document, stored, documents::find);
        boolean valid = steps.stream().allMatch(ValidationStep::valid);
        String status = valid ? StoredDocument.VALID : StoredDocument.INVALID;
        try {
            String results = Ubl.MAPPER.writeValueAsString(Map.of("status", status, "validationSteps", steps));
            documents.validated(uuid, valid, ids.longId(), results, clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validation results could not be written", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
