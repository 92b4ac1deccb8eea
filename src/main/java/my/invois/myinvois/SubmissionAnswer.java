package my.invois.myinvois;

import java.util.List;
import java.util.Optional;

/**
 * Submit Documents' 202 (reference §2.2): each document accepted (with LHDN's uuid) or rejected
 * (with LHDN's error). A 202 may accept none, and then has no submissionUid.
 */
public record SubmissionAnswer(String submissionUid, List<AcceptedDocument> acceptedDocuments, List<RejectedDocument> rejectedDocuments) {

    public SubmissionAnswer {
        acceptedDocuments = acceptedDocuments == null ? List.of() : List.copyOf(acceptedDocuments);
        rejectedDocuments = rejectedDocuments == null ? List.of() : List.copyOf(rejectedDocuments);
    }

    public Optional<String> uid() {
        return Optional.ofNullable(submissionUid).filter(uid -> !uid.isEmpty());
    }

    public record AcceptedDocument(String uuid, String invoiceCodeNumber) {
    }

    public record RejectedDocument(String invoiceCodeNumber, LhdnError error) {

        public RejectedDocument {
            error = error == null ? LhdnError.NONE : error;
        }
    }
}
