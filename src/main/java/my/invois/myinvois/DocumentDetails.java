package my.invois.myinvois;

import java.util.List;

/** Get Document Details (reference §2.5): the status and, for an Invalid document, the failing steps' errors. */
public record DocumentDetails(String uuid, String submissionUid, String longId, String internalId, String status,
        String documentStatusReason, ValidationResults validationResults) {

    public DocumentDetails {
        validationResults = validationResults == null ? new ValidationResults("", List.of()) : validationResults;
    }

    public record ValidationResults(String status, List<ValidationStep> validationSteps) {

        public ValidationResults {
            validationSteps = validationSteps == null ? List.of() : List.copyOf(validationSteps);
        }
    }

    /** One validator's outcome; {@code error} is NONE for a step that passed. */
    public record ValidationStep(String name, String status, LhdnError error) {

        public ValidationStep {
            error = error == null ? LhdnError.NONE : error;
        }
    }
}
