package my.invois.myinvois;

import java.util.List;

/** Get Submission's answer, one page of documentSummary (reference §2.4). overallStatus: compare whatever the case. */
public record Submission(String submissionUid, int documentCount, String dateTimeReceived, String overallStatus,
        List<DocumentSummary> documentSummary) {

    public Submission {
        documentSummary = documentSummary == null ? List.of() : List.copyOf(documentSummary);
    }
}
