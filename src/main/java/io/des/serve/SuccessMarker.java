package io.des.serve;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.StorageLayout;
import java.io.IOException;
import java.util.List;

/**
 * The {@code _SUCCESS} marker of a published partition, written last by the publisher.
 *
 * @param tenant the partition's tenant
 * @param erid the partition's ERID
 * @param requestDate the partition's request date
 * @param rows the number of rows in the listed files, which is the ERID's number of records
 * @param files the names (not paths) of the partition's Parquet files
 * @param publishedAt when the partition was published, as the publisher wrote it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SuccessMarker(
        @JsonProperty("tenant") String tenant,
        @JsonProperty("erid") String erid,
        @JsonProperty("request_date") String requestDate,
        @JsonProperty("rows") long rows,
        @JsonProperty("files") List<String> files,
        @JsonProperty("published_at") String publishedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SuccessMarker {
        files = files == null ? List.of() : List.copyOf(files);
        for (String file : files) {
            requireSafeFileName(file);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("_SUCCESS rows must be >= 0, got " + rows);
        }
    }

    /**
     * Parses a marker. File names are checked to be plain Parquet file names, because they are
     * resolved against the partition directory.
     *
     * @throws IllegalArgumentException if the content is not a valid marker
     */
    public static SuccessMarker parse(byte[] json) {
        try {
            return JSON.readValue(json, SuccessMarker.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable _SUCCESS marker: " + e.getMessage(), e);
        }
    }

    private static void requireSafeFileName(String file) {
        boolean plainName = file != null
                && !file.isEmpty()
                && !file.startsWith(".")
                && file.indexOf('/') < 0
                && file.indexOf('\\') < 0
                && file.endsWith(StorageLayout.PARQUET_EXTENSION);
        if (!plainName) {
            throw new IllegalArgumentException("_SUCCESS lists an unexpected file name: " + file);
        }
    }
}
