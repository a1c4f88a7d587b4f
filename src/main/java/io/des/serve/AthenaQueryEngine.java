package io.des.serve;

import io.des.model.EridKey;
import io.des.model.Erids;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionContext;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@link QueryEngine} on AWS: status from S3, rows from Athena.
 *
 * <p>The status follows {@link QueryEngine}'s rules, decided from S3 rather than the table, because
 * S3 is where the {@code _SUCCESS} marker lives: for each date of the range a GET of {@code
 * tenant=<tenant>/request_date=<date>/erid=<erid>/_SUCCESS}, and if absent a one-key listing of the
 * prefix {@code …/erid=<erid>}, which matches both {@code erid=<erid>/} and {@code
 * erid=<erid>_incomplete/} (ERIDs have a fixed length, so no other ERID shares the prefix). Every
 * key read is below the caller's {@code tenant=<tenant>/}, so another tenant's ERID is never found:
 * it answers {@code inexistent}, as a missing one does. The progress of an incomplete ERID and the
 * rows of a completed one come from parameterised Athena queries ({@link AthenaQueries}).
 *
 * <p>Calls block the calling (HTTP) thread while Athena runs, polling with a growing interval up to
 * {@link AthenaSettings#queryTimeout()}, after which the query is cancelled. Thread-safe: the AWS
 * clients are. The engine owns the clients and closes them in {@link #close()}.
 */
public final class AthenaQueryEngine implements QueryEngine {

    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final AthenaClient athena;
    private final S3Client s3;
    private final AthenaSettings settings;
    private final AthenaQueries queries;

    public AthenaQueryEngine(AthenaClient athena, S3Client s3, AthenaSettings settings) {
        this.athena = Objects.requireNonNull(athena, "athena");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queries = new AthenaQueries(settings);
    }

    @Override
    public EridStatus status(String tenant, String erid, LocalDate startDate, LocalDate endDate) {
        return statusOf(tenant, erid, new DateRange(startDate, endDate)).status();
    }

    @Override
    public ResultPage page(
            String tenant, String erid, LocalDate startDate, LocalDate endDate, int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page and pageSize must be >= 1, got " + page + ", " + pageSize);
        }
        Found found = statusOf(tenant, erid, new DateRange(startDate, endDate));
        long from = (long) (page - 1) * pageSize;
        if (!found.status().isCompleted() || from >= found.status().recordsCommitted()) {
            return ResultPage.empty(found.status());
        }
        AthenaQueries.AthenaQuery query = queries.page(
                tenant, erid,
                found.completedDates().get(0), found.completedDates().get(found.completedDates().size() - 1),
                from, from + pageSize);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> stored : run(query)) {
            rows.add(EnrichedRowShaper.shape(stored));
        }
        return new ResultPage(found.status(), rows);
    }

    /** The status and, when completed, the dates of the published partitions (oldest first). */
    private record Found(EridStatus status, List<LocalDate> completedDates) {}

    private Found statusOf(String tenant, String erid, DateRange range) {
        TenantIds.requireValid(tenant);
        Erids.requireValid(erid);
        List<LocalDate> completedDates = new ArrayList<>();
        long completedRows = 0;
        boolean inProgress = false;
        try {
            for (LocalDate date : range.dates()) {
                String partition = StorageLayout.publishedPartitionPath(tenant, date.toString(), erid);
                byte[] marker = objectIfExists(settings.objectKey(partition + "/" + StorageLayout.SUCCESS_MARKER));
                if (marker != null) {
                    completedDates.add(date);
                    completedRows += SuccessMarker.parse(marker).rows();
                } else if (!inProgress) {
                    inProgress = anyObjectUnder(settings.objectKey(partition));
                }
            }
        } catch (SdkException | IllegalArgumentException e) {
            throw new QueryEngineException("cannot read the partitions of erid " + EridKey.of(tenant, erid), e);
        }
        if (!completedDates.isEmpty()) {
            completedDates.sort(Comparator.naturalOrder());
            return new Found(new EridStatus(EridState.COMPLETED, completedRows, completedRows), completedDates);
        }
        if (!inProgress) {
            return new Found(EridStatus.inexistent(), List.of());
        }
        List<Map<String, Object>> progress = run(queries.progress(tenant, erid, range.start(), range.end()));
        Map<String, Object> counts = progress.isEmpty() ? Map.of() : progress.get(0);
        long committed = counts.get("records_committed") instanceof Long count ? count : 0;
        Long numberOfRecords = (Long) counts.get("number_of_records");
        return new Found(new EridStatus(EridState.INCOMPLETE, committed, numberOfRecords), List.of());
    }

    private byte[] objectIfExists(String key) {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(settings.bucket()).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private boolean anyObjectUnder(String prefix) {
        return !s3.listObjectsV2(request -> request.bucket(settings.bucket()).prefix(prefix).maxKeys(1))
                .contents()
                .isEmpty();
    }

    /** Runs a query to completion and returns its rows, typed by {@link AthenaRows}. */
    private List<Map<String, Object>> run(AthenaQueries.AthenaQuery query) {
        try {
            String id = athena.startQueryExecution(request -> request
                            .queryString(query.sql())
                            .executionParameters(query.parameters())
                            .workGroup(settings.workgroup())
                            .queryExecutionContext(QueryExecutionContext.builder().database(settings.database()).build())
                            .resultConfiguration(ResultConfiguration.builder().outputLocation(settings.outputLocation()).build()))
                    .queryExecutionId();
            awaitSuccess(id);
            return results(id);
        } catch (SdkException e) {
            throw new QueryEngineException("Athena query failed", e);
        }
    }

    private void awaitSuccess(String id) {
        long deadline = System.nanoTime() + settings.queryTimeout().toNanos();
        Duration pause = FIRST_POLL;
        while (true) {
            QueryExecutionStatus status = athena.getQueryExecution(request -> request.queryExecutionId(id))
                    .queryExecution()
                    .status();
            QueryExecutionState state = status.state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new QueryEngineException("Athena query " + id + " " + state + ": " + status.stateChangeReason());
            }
            if (System.nanoTime() > deadline) {
                athena.stopQueryExecution(request -> request.queryExecutionId(id));
                throw new QueryEngineException("Athena query " + id + " exceeded " + settings.queryTimeout());
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                athena.stopQueryExecution(request -> request.queryExecutionId(id));
                throw new QueryEngineException("interrupted while waiting for Athena query " + id, e);
            }
            pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
        }
    }

    private List<Map<String, Object>> results(String id) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> columns = null;
        boolean headerSkipped = false;
        for (GetQueryResultsResponse response : athena.getQueryResultsPaginator(
                GetQueryResultsRequest.builder().queryExecutionId(id).build())) {
            if (columns == null) {
                columns = response.resultSet().resultSetMetadata().columnInfo().stream()
                        .map(ColumnInfo::name)
                        .toList();
            }
            for (Row row : response.resultSet().rows()) {
                if (!headerSkipped) {
                    headerSkipped = true; // Athena returns a SELECT's column names as its first row
                    continue;
                }
                rows.add(AthenaRows.toStoredRow(columns, row.data().stream().map(Datum::varCharValue).toList()));
            }
        }
        return rows;
    }

    @Override
    public void close() {
        athena.close();
        s3.close();
    }
}
