package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks LHDN makes when a submission arrives (reference §2.1–2.2): the envelope and its
 * limits refuse the whole submission (400); each document's hash and structure decide whether it
 * is accepted or in rejectedDocuments. Pure.
 */
final class SubmissionRequest {

    static final int MAX_DOCUMENTS = 100;
    static final int MAX_SUBMISSION_BYTES = 5 * 1024 * 1024;
    static final int MAX_DOCUMENT_BYTES = 300 * 1024;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    record Rejected(String invoiceCodeNumber, ApiError error) {
    }

    record Parsed(List<IncomingDocument> accepted, List<Rejected> rejected) {
    }

    private SubmissionRequest() {
    }

    static Parsed parse(byte[] body) {
        if (body.length > MAX_SUBMISSION_BYTES) {
            throw tooLarge("The submission is " + body.length + " bytes; at most " + MAX_SUBMISSION_BYTES + " (5 MB)", "submission");
        }
        JsonNode documents = Ubl.parse(body).map(root -> root.path("documents"))
                .orElseThrow(() -> badStructure("JSON is not valid"));
        if (!documents.isArray() || documents.isEmpty()) {
            throw badStructure("documents must be an array of 1 to 100 documents");
        }
        if (documents.size() > MAX_DOCUMENTS) {
            throw tooLarge("The submission has " + documents.size() + " documents; at most " + MAX_DOCUMENTS, "documents");
        }
        var accepted = new ArrayList<IncomingDocument>();
        var rejected = new ArrayList<Rejected>();
        for (JsonNode entry : documents) {
            String codeNumber = entry.path("codeNumber").asText("");
            byte[] bytes = decoded(entry, codeNumber);
            List<ApiError> problems = problems(entry, bytes);
            if (problems.isEmpty()) {
                JsonNode tree = Ubl.parse(bytes).orElseThrow();
                accepted.add(new IncomingDocument(codeNumber, bytes, Hashes.hex(bytes), tree, DocumentFacts.of(tree)));
            } else {
                rejected.add(new Rejected(codeNumber, new ApiError("BadStructure", "Validation Error", codeNumber, null, problems)));
            }
        }
        return new Parsed(accepted, rejected);
    }

    private static byte[] decoded(JsonNode entry, String codeNumber) {
        if (!entry.isObject() || codeNumber.isBlank() || !"JSON".equals(entry.path("format").asText())) {
            throw badStructure("Each document needs format \"JSON\" (the simulator takes no XML), document, documentHash and codeNumber");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(entry.path("document").asText(""));
        } catch (IllegalArgumentException e) {
            throw badStructure("document of " + codeNumber + " is not standard base64");
        }
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw tooLarge("Document " + codeNumber + " is " + bytes.length + " bytes; at most " + MAX_DOCUMENT_BYTES + " (300 KB)", codeNumber);
        }
        return bytes;
    }

    private static List<ApiError> problems(JsonNode entry, byte[] bytes) {
        String hash = entry.path("documentHash").asText("");
        if (!HASH.matcher(hash).matches() || !hash.equals(Hashes.hex(bytes))) {
            return List.of(ApiError.detail("DocumentHashMismatch",
                    "documentHash must be the lowercase hex SHA-256 of the decoded document", "documentHash", "documentHash"));
        }
        return Ubl.parse(bytes).map(StructureValidator::validate)
                .orElse(List.of(ApiError.detail("InvalidJson", "The document is not valid JSON", "document", "#")));
    }

    private static LhdnException badStructure(String message) {
        return LhdnException.validation(400, "BadStructure", message, null);
    }

    private static LhdnException tooLarge(String message, String target) {
        return new LhdnException(400, new ApiError("MaximumSizeExceeded", message, target, null, null), Map.of());
    }
}
