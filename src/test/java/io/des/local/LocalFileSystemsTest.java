package io.des.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.PluginFileSystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's plugin folder makes {@code s3://} known, from the plugin's class loader, not the classpath. */
class LocalFileSystemsTest {

    @AfterEach
    void resetFileSystems() {
        FileSystem.initialize(new Configuration(), null);
    }

    @Test
    void theBuildsPluginFolderProvidesS3FromItsOwnClassLoader() throws Exception {
        Configuration conf = new Configuration();
        conf.setString("s3.endpoint", "http://127.0.0.1:9");
        conf.setString("s3.path.style.access", "true");
        LocalFileSystems.initialize(conf, LocalFileSystems.BUILD_PLUGINS, true);
        FileSystem s3 = FileSystem.get(URI.create("s3://some-bucket/prefix"));
        // Flink wraps every plugin's file system so calls run in the plugin's class loader.
        assertTrue(s3.getClass().getName().startsWith(PluginFileSystemFactory.class.getName()),
                "loaded as a plugin, not from the classpath: " + s3.getClass());
    }

    @Test
    void s3StorageWithoutThePluginStopsTheStartNamingTheFix(@TempDir Path empty) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LocalFileSystems.initialize(new Configuration(), empty, true));
        assertTrue(refused.getMessage().contains("mvn compile"), refused.getMessage());
    }

    @Test
    void flinksOwnVariableOverridesTheBuildsFolder() {
        assertEquals(Path.of("/opt/flink/plugins"), LocalFileSystems.pluginsDir(Map.of("FLINK_PLUGINS_DIR", "/opt/flink/plugins")));
        assertEquals(LocalFileSystems.BUILD_PLUGINS, LocalFileSystems.pluginsDir(Map.of()));
    }
}
