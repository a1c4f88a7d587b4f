package io.des.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink's file systems for local mode, loaded as Managed Flink loads them: {@code flink-s3-fs-hadoop}
 * is a plugin (its own class loader), copied by the build into {@code target/plugins/s3-fs-hadoop/}.
 * A MiniCluster does not initialise file systems itself: without this, {@code s3://} is unknown and
 * the {@code s3.*} keys apply nowhere. Public for tests that run a MiniCluster of their own on S3.
 */
public final class LocalFileSystems {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFileSystems.class);
    /** Where the build puts the plugins, relative to the project (run-local.sh and the tests run there). */
    public static final Path BUILD_PLUGINS = Path.of("target", "plugins");

    private LocalFileSystems() {}

    /** Flink's own variable ({@code FLINK_PLUGINS_DIR}) when set, else the build's folder. */
    static Path pluginsDir(Map<String, String> environment) {
        String configured = environment.get(ConfigConstants.ENV_FLINK_PLUGINS_DIR);
        return configured != null && !configured.isBlank() ? Path.of(configured) : BUILD_PLUGINS;
    }

    /**
     * Initialises Flink's file systems (JVM-wide) with {@code conf} and the plugins under {@code
     * pluginsDir}, before any environment is built. Equivalent to {@code
     * PluginUtils.createPluginManagerFromRootFolder(conf)}, except that the folder is passed here:
     * Flink 1.20 reads it only from the {@code FLINK_PLUGINS_DIR} variable, which tests cannot set.
     *
     * @param s3Required whether the storage is on S3: then a missing plugin stops the start with the fix
     */
    public static void initialize(Configuration conf, Path pluginsDir, boolean s3Required) throws IOException {
        Path s3Plugin = pluginsDir.resolve("s3-fs-hadoop");
        if (s3Required && !Files.isDirectory(s3Plugin)) {
            throw new IllegalArgumentException("S3 storage needs Flink's S3 file system plugin in " + s3Plugin.toAbsolutePath()
                    + ": build with `mvn compile` (scripts/run-local.sh does), or point FLINK_PLUGINS_DIR at a plugins folder");
        }
        PluginManager plugins = Files.isDirectory(pluginsDir)
                ? new DefaultPluginManager(new DirectoryBasedPluginFinder(pluginsDir).findPlugins(),
                        CoreOptions.getPluginParentFirstLoaderPatterns(conf))
                : null;
        FileSystem.initialize(conf, plugins);
        LOG.info("File systems initialised with plugins from {}", plugins == null ? "nowhere (no " + pluginsDir + ")" : pluginsDir.toAbsolutePath());
    }
}
