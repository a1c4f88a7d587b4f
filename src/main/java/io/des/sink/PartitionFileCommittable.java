package io.des.sink;

import java.util.Arrays;
import java.util.Objects;

/**
 * One closed Parquet file of one ERID partition, ready to be committed after the checkpoint it
 * belongs to completes. After the commit it travels to the post-commit topology, where its row
 * count moves the ERID towards publication.
 *
 * <p>A Flink POJO because it also flows between operators of the post-commit topology.
 */
public class PartitionFileCommittable {

    /** With {@link #erid}, the ERID's identity ({@link io.des.model.EridKey}). */
    public String tenant;
    public String requestDate;
    public String erid;

    /** The ERID's total number of records (all files, all subtasks). */
    public long numberOfRecords;

    /** Rows in this file. */
    public long rowCount;

    /** The file's final path (URI string) once committed; unique per file, so it identifies replays. */
    public String path;

    /** Version of {@link #commitRecoverable}'s serializer ({@code RecoverableWriter#getCommitRecoverableSerializer}). */
    public int commitRecoverableVersion;

    /** The serialized {@code CommitRecoverable} that finishes the file. */
    public byte[] commitRecoverable;

    public PartitionFileCommittable() {}

    public PartitionFileCommittable(
            String tenant,
            String requestDate,
            String erid,
            long numberOfRecords,
            long rowCount,
            String path,
            int commitRecoverableVersion,
            byte[] commitRecoverable) {
        this.tenant = tenant;
        this.requestDate = requestDate;
        this.erid = erid;
        this.numberOfRecords = numberOfRecords;
        this.rowCount = rowCount;
        this.path = path;
        this.commitRecoverableVersion = commitRecoverableVersion;
        this.commitRecoverable = commitRecoverable;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PartitionFileCommittable)) {
            return false;
        }
        PartitionFileCommittable that = (PartitionFileCommittable) o;
        return numberOfRecords == that.numberOfRecords
                && rowCount == that.rowCount
                && commitRecoverableVersion == that.commitRecoverableVersion
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(requestDate, that.requestDate)
                && Objects.equals(erid, that.erid)
                && Objects.equals(path, that.path)
                && Arrays.equals(commitRecoverable, that.commitRecoverable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, requestDate, erid, numberOfRecords, rowCount, path, commitRecoverableVersion)
                + 31 * Arrays.hashCode(commitRecoverable);
    }

    @Override
    public String toString() {
        return "PartitionFileCommittable{tenant=" + tenant + ", requestDate=" + requestDate + ", erid=" + erid
                + ", numberOfRecords=" + numberOfRecords + ", rowCount=" + rowCount + ", path=" + path + '}';
    }
}
