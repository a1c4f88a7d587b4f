package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 emulator the S3 tests stand on: signed put, get and list work through it. */
class S3ProxyEmulatorIT {

    @Test
    void putGetAndListGoThroughS3Proxy(@TempDir Path tmp) throws Exception {
        try (S3ProxyEmulator s3 = S3ProxyEmulator.start("des-emulator-it", tmp);
                S3Client client = s3.client()) {
            client.putObject(b -> b.bucket(s3.bucket()).key("a/one.txt"), RequestBody.fromString("one"));
            client.putObject(b -> b.bucket(s3.bucket()).key("a/two.txt"), RequestBody.fromString("two"));
            client.putObject(b -> b.bucket(s3.bucket()).key("b/three.txt"), RequestBody.fromString("three"));

            assertEquals("two", client.getObjectAsBytes(b -> b.bucket(s3.bucket()).key("a/two.txt")).asUtf8String());
            List<String> underA = client.listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix("a/")).contents().stream()
                    .map(S3Object::key).sorted().collect(Collectors.toList());
            assertEquals(List.of("a/one.txt", "a/two.txt"), underA);
        }
    }
}
