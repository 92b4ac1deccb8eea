package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** One document of a submission that passed the checks made at submit. */
record IncomingDocument(String codeNumber, byte[] bytes, String sha256, JsonNode tree, DocumentFacts facts) {
}
