package io.des.serve;

import io.des.model.Erids;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL {@link AthenaQueryEngine} runs, with every request value passed as an execution parameter
 * ({@code ?}) rather than in the SQL text; only the validated database and table names and the
 * catalog's column names are part of the text.
 *
 * <p>Athena substitutes execution parameters as literals, so string parameters are quoted here;
 * they are validated tenant ids, dates and ERIDs, and a quote character is refused all the same.
 *
 * <p>Every query starts with the predicate {@code tenant = ?} on the first partition key: a query
 * only ever reads the caller's tenant's partitions, whatever ERID it names.
 */
public final class AthenaQueries {

    /** A query text and its positional parameters, as Athena's {@code ExecutionParameters}. */
    public record AthenaQuery(String sql, List<String> parameters) {
        public AthenaQuery {
            parameters = List.copyOf(parameters);
        }
    }

    private final String qualifiedTable;
    private final String selectList;

    public AthenaQueries(AthenaSettings settings) {
        this.qualifiedTable = '"' + settings.database() + "\".\"" + settings.table() + '"';
        this.selectList = EnrichedRowShaper.storedColumns().stream()
                .map(AthenaQueries::selectExpression)
                .collect(Collectors.joining(", "));
    }

    /**
     * One page of a published ERID: records with {@code fromIndex <= record_index < toIndex}, in
     * index order. Cutting pages by index rather than {@code OFFSET} lets Athena skip row groups by
     * their statistics, and is exact because a published ERID holds each index once.
     */
    public AthenaQuery page(String tenant, String erid, LocalDate requestDate, long fromIndex, long toIndex) {
        if (fromIndex < 0 || toIndex <= fromIndex) {
            throw new IllegalArgumentException("bad record_index range " + fromIndex + ".." + toIndex);
        }
        String sql = "SELECT " + selectList + " FROM " + qualifiedTable
                + " WHERE tenant = ? AND request_date = ? AND erid = ?"
                + " AND record_index >= ? AND record_index < ? ORDER BY record_index";
        return new AthenaQuery(sql, List.of(
                tenantLiteral(tenant), dateLiteral(requestDate), quote(Erids.requireValid(erid)),
                Long.toString(fromIndex), Long.toString(toIndex)));
    }

    private static String selectExpression(String column) {
        if (column.equals("fields_to_enrich") || column.equals("field_status")) {
            // Map and array values come back from Athena as display strings; JSON text parses exactly.
            return "CAST(\"" + column + "\" AS JSON) AS \"" + column + '"';
        }
        return '"' + column + '"';
    }

    private static String tenantLiteral(String tenant) {
        return quote(TenantIds.requireValid(tenant));
    }

    private static String dateLiteral(LocalDate date) {
        return quote(StorageLayout.requireDate(date.toString()));
    }

    private static String quote(String value) {
        if (value.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("refusing a quote in a query parameter");
        }
        return '\'' + value + '\'';
    }
}
