package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** DES reaches S3 as Flink's S3 file system does: from the same keys, under any prefix Flink forwards. */
class S3ConnectionTest {

    private static final S3Connection S3PROXY = S3Connection.standard()
            .withEndpoint(URI.create("http://127.0.0.1:9000")).withPathStyle(true).withCredentials("des-access", "des-secret");

    @Test
    void withoutS3KeysItIsAwsWithTheStandardCredentialChain() {
        assertEquals(S3Connection.standard(), S3Connection.fromFlinkConfiguration(new Configuration()));
    }

    @Test
    void readsFlinksS3Keys() {
        Configuration flink = new Configuration();
        flink.setString("s3.endpoint", "http://127.0.0.1:9000");
        flink.setString("s3.path.style.access", "true");
        flink.setString("s3.access-key", "des-access");
        flink.setString("s3.secret-key", "des-secret");
        assertEquals(S3PROXY, S3Connection.fromFlinkConfiguration(flink));
    }

    @Test
    void readsTheS3aSpellingsAndAHostWithoutScheme() {
        Configuration flink = new Configuration();
        flink.setString("fs.s3a.endpoint", "minio.internal:9000");
        flink.setString("fs.s3a.connection.ssl.enabled", "false");
        flink.setString("s3a.path-style-access", "true");
        flink.setString("fs.s3a.access.key", "des-access");
        flink.setString("fs.s3a.secret.key", "des-secret");
        assertEquals(S3Connection.standard().withEndpoint(URI.create("http://minio.internal:9000")).withPathStyle(true)
                .withCredentials("des-access", "des-secret"), S3Connection.fromFlinkConfiguration(flink));
    }

    @Test
    void anAccessKeyWithoutSecretLeavesTheStandardChain() {
        Configuration flink = new Configuration();
        flink.setString("s3.access-key", "des-access");
        assertEquals(S3Connection.standard(), S3Connection.fromFlinkConfiguration(flink));
    }

    @Test
    void whatItWritesForTheFileSystemReadsBackTheSame() {
        Configuration flink = new Configuration();
        S3PROXY.applyTo(flink);
        assertEquals("http://127.0.0.1:9000", flink.getString("s3.endpoint", null));
        assertEquals(S3PROXY, S3Connection.fromFlinkConfiguration(flink));
    }

    @Test
    void neverShowsTheSecret() {
        assertFalse(S3PROXY.toString().contains("des-secret"), S3PROXY.toString());
        assertTrue(S3PROXY.toString().contains("secret hidden"), S3PROXY.toString());
    }

    @Test
    void refusesHalfACredential() {
        assertThrows(IllegalArgumentException.class, () -> S3Connection.standard().withCredentials("des-access", " "));
    }

    @Test
    void onlyS3SchemesAreS3() {
        assertTrue(S3Connection.isS3(URI.create("s3://bucket/des")));
        assertTrue(S3Connection.isS3(URI.create("s3a://bucket/des")));
        assertFalse(S3Connection.isS3(URI.create("file:///data/des")));
    }
}
