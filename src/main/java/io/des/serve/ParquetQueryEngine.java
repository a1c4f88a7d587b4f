package io.des.serve;

import io.des.config.ApiKeys;
import io.des.model.EridKey;
import io.des.model.Erids;
import io.des.model.TenantIds;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;

/**
 * {@link QueryEngine} reading pages straight from a published partition's Parquet files, on any
 * {@link StorageReader} (local files through Flink's file systems, S3 through the AWS SDK with
 * ranged reads): no query service and nothing downloaded at run time.
 *
 * <p>An ERID's first page reads its {@code _SUCCESS} marker (files and row count) and each file's
 * footer ({@link ParquetFileIndex}: the {@code record_index} statistics of every row group), and
 * keeps them ({@link PublishedEridCache}). Every page then reads only the row groups whose statistics
 * overlap its index range, each in one ranged read (adjacent ones together), and decodes only their
 * Parquet pages that hold the range ({@link RowGroupPageIndex}): a page of the compacted file
 * publishing writes is one read and about one Parquet page per column. Rows are filtered on the
 * tenant, the ERID and the index range, as DuckDB's and Athena's queries filter, and sorted by index,
 * so a partition of several unsorted files (as published before compaction) serves the same pages,
 * reading more.
 *
 * <p>A page past the end reads nothing but the (cached) marker. A failed read forgets the ERID's
 * cached footers, so a partition rewritten or removed behind the cache is read afresh next time.
 */
public final class ParquetQueryEngine implements QueryEngine {

    /** Default bound of the footer cache, in column chunks and pages: about 30 MB of heap. */
    public static final long DEFAULT_CACHE_CHUNKS = ApiKeys.PARQUET_CACHE_CHUNKS.defaultValue().orElseThrow();
    /** Row groups closer than this in a file are fetched in one read: a read costs more than these bytes. */
    private static final long MERGE_GAP_BYTES = 256 * 1024;
    private static final Set<String> COLUMNS = columns();
    private static final Configuration NO_HADOOP_RESOURCES = new Configuration(false);

    private final StorageReader storage;
    private final PublishedEridCache cache;

    /** An engine with the {@link #DEFAULT_CACHE_CHUNKS} bound. */
    public ParquetQueryEngine(StorageReader storage) {
        this(storage, DEFAULT_CACHE_CHUNKS);
    }

    /** @param cacheChunks the most column chunks and pages whose footers are kept, over all ERIDs */
    public ParquetQueryEngine(StorageReader storage, long cacheChunks) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.cache = new PublishedEridCache(cacheChunks);
    }

    @Override
    public Optional<List<Map<String, Object>>> page(
            String tenant, String erid, LocalDate requestDate, int page, int pageSize) {
        PublishedEridCache.Key key = new PublishedEridCache.Key(
                TenantIds.requireValid(tenant), Erids.requireValid(erid), Objects.requireNonNull(requestDate, "requestDate"));
        long from = QueryEngine.firstIndex(page, pageSize);
        try {
            Optional<PublishedEridCache.Published> published = published(key);
            if (published.isEmpty()) {
                return Optional.empty();
            }
            long to = Math.min(from + pageSize, published.get().partition().rows());
            return Optional.of(from >= to ? List.of() : rows(key, published.get(), from, to));
        } catch (IOException | RuntimeException e) {
            // Whatever broke (a file gone or rewritten, a corrupt page), the next request starts from the marker.
            cache.invalidate(key);
            throw new QueryEngineException("cannot read page " + page + " of erid " + EridKey.of(tenant, erid)
                    + " under " + storage + ": " + e.getMessage(), e);
        }
    }

    private Optional<PublishedEridCache.Published> published(PublishedEridCache.Key key) throws IOException {
        Optional<PublishedEridCache.Published> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<PublishedFiles> partition = PublishedFiles.read(storage, key.tenant(), key.erid(), key.requestDate());
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        List<ParquetFileIndex> files = new ArrayList<>();
        for (String path : partition.get().filePaths()) {
            files.add(ParquetFileIndex.read(storage, path, COLUMNS));
        }
        PublishedEridCache.Published published = new PublishedEridCache.Published(partition.get(), files);
        cache.put(key, published);
        return Optional.of(published);
    }

    private List<Map<String, Object>> rows(PublishedEridCache.Key key, PublishedEridCache.Published published,
            long from, long to) throws IOException {
        FilterCompat.Filter filter = FilterCompat.get(FilterApi.and(
                FilterApi.and(
                        FilterApi.eq(FilterApi.binaryColumn("tenant"), Binary.fromString(key.tenant())),
                        FilterApi.eq(FilterApi.binaryColumn("erid"), Binary.fromString(key.erid()))),
                indexRange(from, to)));
        List<Map<String, Object>> stored = new ArrayList<>();
        CodecFactory codecs = new CodecFactory(NO_HADOOP_RESOURCES, 0);
        try {
            for (ParquetFileIndex file : published.files()) {
                for (List<ParquetFileIndex.RowGroup> run : runs(file, from, to)) {
                    long start = run.get(0).start();
                    long end = run.get(run.size() - 1).end();
                    byte[] bytes = storage.readRange(file.path(), start, Math.toIntExact(end - start));
                    for (ParquetFileIndex.RowGroup group : run) {
                        RowGroupPages pages = RowGroupPages.decode(file, group, group.rowsFor(from, to), bytes, start, codecs);
                        RecordReader<Map<String, Object>> records = file.columnIO()
                                .getRecordReader(pages, new StoredRowMaterializer(file.projection()), filter);
                        for (long row = 0; row < pages.getRowCount(); row++) {
                            Map<String, Object> record = records.read();
                            if (record != null && !records.shouldSkipCurrentRecord()) {
                                stored.add(record);
                            }
                        }
                    }
                }
            }
        } finally {
            codecs.release();
        }
        stored.sort(Comparator.comparingLong(row -> (Long) row.get(ParquetFileIndex.RECORD_INDEX)));
        return stored.stream().map(EnrichedRowShaper::shape).toList();
    }

    private static FilterPredicate indexRange(long from, long to) {
        return FilterApi.and(
                FilterApi.gtEq(FilterApi.longColumn(ParquetFileIndex.RECORD_INDEX), from),
                FilterApi.lt(FilterApi.longColumn(ParquetFileIndex.RECORD_INDEX), to));
    }

    /** The file's row groups that may hold indexes in {@code [from, to)}, grouped into runs read at once. */
    private static List<List<ParquetFileIndex.RowGroup>> runs(ParquetFileIndex file, long from, long to) {
        List<ParquetFileIndex.RowGroup> needed = file.rowGroups().stream()
                .filter(group -> group.overlaps(from, to) && !group.rowsFor(from, to).isEmpty())
                .sorted(Comparator.comparingLong(ParquetFileIndex.RowGroup::start))
                .toList();
        List<List<ParquetFileIndex.RowGroup>> runs = new ArrayList<>();
        List<ParquetFileIndex.RowGroup> run = new ArrayList<>();
        for (ParquetFileIndex.RowGroup group : needed) {
            if (!run.isEmpty() && group.start() - run.get(run.size() - 1).end() > MERGE_GAP_BYTES) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(group);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>(EnrichedRowShaper.storedColumns());
        columns.add("tenant"); // for the filter: a file read on its own says whose it is
        return Set.copyOf(columns);
    }

    @Override
    public void close() {
        // The storage reader's client belongs to the caller.
    }
}
