package my.invois.myinvois;

import java.util.List;

/** One page of Search Documents (anchors §1.3): at most 100 summaries, and how many there are in all. */
public record SearchPage(List<DocumentSummary> result, Metadata metadata) {

    public SearchPage {
        result = result == null ? List.of() : List.copyOf(result);
        metadata = metadata == null ? new Metadata(1, result.size()) : metadata;
    }

    public record Metadata(int totalPages, int totalCount) {
    }
}
