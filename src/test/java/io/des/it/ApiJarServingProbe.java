package io.des.it;

import io.des.serve.ParquetQueryEngine;
import io.des.serve.S3StorageReader;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Run by {@link ApiJarServingIT} in a JVM whose class path is the API jar (plus this class): builds
 * an SDK S3 client and the Parquet engine as {@code AwsApi} does, reads one page and prints its
 * record indexes. Uses nothing the API jar does not carry.
 */
public final class ApiJarServingProbe {

    private ApiJarServingProbe() {}

    /** {@code ENDPOINT STORAGE_ROOT TENANT ERID REQUEST_DATE PAGE PAGE_SIZE} */
    public static void main(String[] args) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(args[0]))
                .region(Region.of(S3ProxyEmulator.REGION))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyEmulator.ACCESS_KEY, S3ProxyEmulator.SECRET_KEY)))
                .build()) {
            List<Map<String, Object>> rows = new ParquetQueryEngine(new S3StorageReader(s3, URI.create(args[1])))
                    .page(args[2], args[3], LocalDate.parse(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]))
                    .orElseThrow();
            System.out.println("record_index " + rows.stream().map(row -> row.get("record_index").toString()).toList());
        }
    }
}
