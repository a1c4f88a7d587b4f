package io.des.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The registry in a SQLite file, for local mode: the API and the job open the same file (WAL and a
 * busy timeout let their connections share it; see {@link SqliteEridRegistry}). The SQLite driver
 * is left out of the job jar, so this connector works only where local mode runs.
 */
public final class SqliteRegistryConnector implements RegistryConnector {

    private static final long serialVersionUID = 1L;

    private final String path;

    /** @param path the database file, e.g. {@code <data-dir>/registry.db}; created if missing */
    public SqliteRegistryConnector(String path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public EridRegistry open() {
        return new SqliteEridRegistry(Path.of(path));
    }

    @Override
    public String toString() {
        return "sqlite:" + path;
    }
}
