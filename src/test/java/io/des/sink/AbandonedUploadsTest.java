package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Paging and the prefix guard, which s3proxy cannot show (it never truncates a listing and
 * filters by prefix itself); {@code AbandonedUploadsIT} runs the rest on s3proxy.
 */
class AbandonedUploadsTest {

    private static final String PREFIX =
            "des/enriched_data/tenant=acme/request_date=2026-11-21/erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1_incomplete/";

    @Test
    void readsEveryPageAndAbortsOnlyUnderTheEridsPrefix() {
        PagedUploads s3 = new PagedUploads(List.of(
                ListMultipartUploadsResponse.builder().isTruncated(true).nextKeyMarker(PREFIX + "part-b").nextUploadIdMarker("u2")
                        .uploads(upload(PREFIX + "part-a", "u1"), upload(PREFIX + "part-b", "u2")).build(),
                ListMultipartUploadsResponse.builder().isTruncated(false)
                        .uploads(upload(PREFIX + "part-c", "u3"),
                                // A server that ignored the prefix: another ERID's upload is never aborted.
                                upload("des/enriched_data/tenant=acme/request_date=2026-11-21/erid=4d0a5f96-1b4c-4e99-8b97-0d5d7e4a6f55_incomplete/part-d", "u4"))
                        .build()));

        int aborted = AbandonedUploads.onS3(s3, URI.create("s3://bucket/des"))
                .abortIncomplete("acme", "2026-11-21", "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1");

        assertEquals(3, aborted);
        assertEquals(List.of("u1", "u2", "u3"), s3.abortedUploadIds);
        assertEquals(2, s3.listings.size());
        assertEquals(PREFIX, s3.listings.get(0).prefix());
        assertEquals(PREFIX, s3.listings.get(1).prefix());
        assertEquals(PREFIX + "part-b", s3.listings.get(1).keyMarker());
        assertEquals("u2", s3.listings.get(1).uploadIdMarker());
        s3.listings.forEach(listing -> assertEquals("bucket", listing.bucket()));
    }

    @Test
    void nothingToDoOffS3() {
        try (AbandonedUploads uploads = AbandonedUploads.forRoot("file:///data/des", S3Connection.standard())) {
            assertEquals(0, uploads.abortIncomplete("acme", "2026-11-21", "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1"));
        }
    }

    private static MultipartUpload upload(String key, String uploadId) {
        return MultipartUpload.builder().key(key).uploadId(uploadId).build();
    }

    /** Answers listings from fixed pages, in order, and records what was asked. */
    private static final class PagedUploads implements S3Client {
        final List<ListMultipartUploadsResponse> pages;
        final List<ListMultipartUploadsRequest> listings = new ArrayList<>();
        final List<String> abortedUploadIds = new ArrayList<>();

        PagedUploads(List<ListMultipartUploadsResponse> pages) {
            this.pages = pages;
        }

        @Override
        public ListMultipartUploadsResponse listMultipartUploads(ListMultipartUploadsRequest request) {
            listings.add(request);
            return pages.get(listings.size() - 1);
        }

        @Override
        public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
            abortedUploadIds.add(request.uploadId());
            return AbortMultipartUploadResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {}
    }
}
