package io.des.api.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The tenants document of local mode ({@code --tenants-file}). Read again every {@link
 * #POLL_INTERVAL} so that adding a tenant or rotating a key needs no restart; the file is small, and
 * reading it beats a file-system watch, which misses editors that replace the file.
 */
public final class TenantsFileSource implements TenantsSource {

    public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private final Path file;

    public TenantsFileSource(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    @Override
    public byte[] read() throws IOException {
        return Files.readAllBytes(file);
    }

    @Override
    public Duration pollInterval() {
        return POLL_INTERVAL;
    }

    @Override
    public String describe() {
        return "tenants file " + file;
    }
}
