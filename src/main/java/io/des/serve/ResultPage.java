package io.des.serve;

import io.des.model.FieldCounts;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of an ERID's rows together with the ERID's status.
 *
 * @param status the ERID's status when the page was read
 * @param rows the page's rows ordered by {@code record_index}, each a map in column order (see
 *     {@link EnrichedRowShaper}); always empty unless the ERID is completed
 * @param fieldCounts per requested field, how many records found it, over the whole completed ERID
 *     (not just the page), as the job recorded them in the registry; empty when not completed
 */
public record ResultPage(EridStatus status, List<Map<String, Object>> rows, Map<String, FieldCounts> fieldCounts) {

    public ResultPage {
        Objects.requireNonNull(status, "status");
        rows = List.copyOf(rows);
        fieldCounts = Map.copyOf(fieldCounts);
        if (!status.isCompleted() && !rows.isEmpty()) {
            throw new IllegalArgumentException("only a completed ERID has rows, status: " + status.state());
        }
    }

    /** A page without rows: an ERID not completed yet, or a page past the last one. */
    public static ResultPage empty(EridStatus status) {
        return new ResultPage(status, List.of(), Map.of());
    }
}
