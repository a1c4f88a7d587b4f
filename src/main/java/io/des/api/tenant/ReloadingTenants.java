package io.des.api.tenant;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link TenantDirectory}, re-read from its {@link TenantsSource} while the service
 * runs. A new version replaces the old one whole, and only if it is valid: a broken edit is logged
 * with its problems and the previous tenants keep working, so a typo never locks everyone out.
 */
public final class ReloadingTenants implements Supplier<TenantDirectory>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTenants.class);

    private final TenantsSource source;
    private final AtomicReference<TenantDirectory> current = new AtomicReference<>();
    private final ScheduledExecutorService poller;
    private byte[] currentFingerprint;

    private ReloadingTenants(TenantsSource source) {
        this.source = source;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "des-tenants-reload");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Reads the document once (a missing or invalid document fails here, before the service
     * listens), then polls it every {@link TenantsSource#pollInterval()}.
     *
     * @throws IllegalArgumentException naming the source and every problem of its document
     */
    public static ReloadingTenants start(TenantsSource source) {
        ReloadingTenants tenants = new ReloadingTenants(Objects.requireNonNull(source, "source"));
        try {
            tenants.load(source.read());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source.describe() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalArgumentException(source.describe() + " could not be read: " + e, e);
        }
        LOG.info("Loaded {} tenant(s) from {}", tenants.get().tenants().size(), source.describe());
        long periodMillis = source.pollInterval().toMillis();
        tenants.poller.scheduleWithFixedDelay(tenants::refreshQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return tenants;
    }

    @Override
    public TenantDirectory get() {
        return current.get();
    }

    /**
     * Reads the source now and switches to its document if it changed and is valid.
     *
     * @return true when a new version was taken
     */
    public synchronized boolean refresh() {
        byte[] document;
        try {
            document = source.read();
        } catch (Exception e) {
            LOG.warn("Could not read {}; keeping the {} tenant(s) loaded before: {}",
                    source.describe(), get().tenants().size(), e.toString());
            return false;
        }
        if (Arrays.equals(fingerprint(document), currentFingerprint)) {
            return false;
        }
        try {
            load(document);
        } catch (IllegalArgumentException e) {
            LOG.error("Ignoring the new version of {}; keeping the {} tenant(s) loaded before: {}",
                    source.describe(), get().tenants().size(), e.getMessage());
            currentFingerprint = fingerprint(document); // report a broken version once, not every poll
            return false;
        }
        LOG.info("Reloaded {}: {} tenant(s)", source.describe(), get().tenants().size());
        return true;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.error("Reloading {} failed", source.describe(), e);
        }
    }

    private synchronized void load(byte[] document) {
        TenantDirectory directory = TenantsDocument.parse(document);
        current.set(directory);
        currentFingerprint = fingerprint(document);
    }

    private static byte[] fingerprint(byte[] document) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(document);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
