package io.des.pipeline.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * A run's ERID: a name-based UUID (version 5, RFC 9562) of the tenant, the pipeline and the run's
 * window. A run retried after a crash has the same window, so the same ERID: the records it
 * publishes again carry the same {@code (erid, record_index)} and the job drops them as duplicates.
 */
public final class RunErids {

    /** The namespace of every pipeline run's ERID; never change it, or retried runs get new ERIDs. */
    static final UUID NAMESPACE = UUID.fromString("0d9a3f56-1c7e-4e0b-9b58-6f2d8c1a7e43");

    private RunErids() {}

    public static String of(String tenant, String pipeline, RunWindow window) {
        return of(tenant, pipeline, window, null);
    }

    /**
     * @param sourceFingerprint what else identifies the rows a run reads, when the window cannot
     *     (files: their names, sizes and times), so a run over changed files is never given the ERID,
     *     and so the rows, of an earlier run over other files; null for none
     */
    public static String of(String tenant, String pipeline, RunWindow window, String sourceFingerprint) {
        String name = "des-pipeline-run/1\n" + tenant + "\n" + pipeline + "\n" + window.runNumber() + "\n" + window.mode()
                + "\n" + (window.after() == null ? "-" : window.after().encode())
                + "\n" + (window.through() == null ? "-" : window.through().encode())
                + (sourceFingerprint == null ? "" : "\n" + sourceFingerprint);
        return nameBased(NAMESPACE, name).toString();
    }

    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
