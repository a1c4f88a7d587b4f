package io.des.serve;

import io.des.model.EridKey;
import io.des.model.Erids;
import io.des.model.TenantIds;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

/**
 * {@link QueryEngine} on AWS through Athena: the partition's {@code _SUCCESS} marker from S3 ({@link
 * PublishedFiles}: a GET below the caller's {@code tenant=<tenant>/}), then one parameterised Athena
 * query per page ({@link AthenaQueries}). A page past the end, or an ERID not published, costs the GET
 * only. Kept for deployments that want Athena's access control (Lake Formation) on the serving path;
 * {@link ParquetQueryEngine} reads the same files without a query per page.
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
    private final StorageReader storage;
    private final AthenaSettings settings;
    private final AthenaQueries queries;

    public AthenaQueryEngine(AthenaClient athena, S3Client s3, AthenaSettings settings) {
        this.athena = Objects.requireNonNull(athena, "athena");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.storage = new S3StorageReader(s3, URI.create(settings.storageRoot()));
        this.queries = new AthenaQueries(settings);
    }

    @Override
    public Optional<List<Map<String, Object>>> page(
            String tenant, String erid, LocalDate requestDate, int page, int pageSize) {
        TenantIds.requireValid(tenant);
        Erids.requireValid(erid);
        long from = QueryEngine.firstIndex(page, pageSize);
        Optional<PublishedFiles> published;
        try {
            published = PublishedFiles.read(storage, tenant, erid, requestDate);
        } catch (IOException | IllegalArgumentException e) {
            throw new QueryEngineException("cannot read the partition of erid " + EridKey.of(tenant, erid), e);
        }
        if (published.isEmpty()) {
            return Optional.empty();
        }
        long to = Math.min(from + pageSize, published.get().rows());
        if (from >= to) {
            return Optional.of(List.of());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> stored : run(queries.page(tenant, erid, requestDate, from, to))) {
            rows.add(EnrichedRowShaper.shape(stored));
        }
        return Optional.of(rows);
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
