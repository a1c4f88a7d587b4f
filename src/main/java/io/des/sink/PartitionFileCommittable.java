package io.des.sink;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One closed Parquet file of one ERID partition, ready to be committed after the checkpoint it
 * belongs to completes. After the commit it travels to the post-commit topology, where its row
 * count moves the ERID towards publication and its field tallies add up to the ERID's per-field
 * outcome counts.
 *
 * <p>A Flink POJO because it also flows between operators of the post-commit topology.
 */
@TypeInfo(PartitionFileCommittableTypeInfo.class)
public class PartitionFileCommittable {

    /** With {@link #erid}, the ERID's identity ({@link io.des.model.EridKey}). */
    public String tenant;
    public String requestDate;
    public String erid;

    /** The ERID's total number of records (all files, all subtasks). */
    public long numberOfRecords;

    /** Rows in this file. */
    public long rowCount;

    /** Per requested field, how this file's rows fared (from each row's {@code field_status}). */
    public Map<String, FieldTally> fieldCounts = new TreeMap<>();

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
            Map<String, FieldTally> fieldCounts,
            String path,
            int commitRecoverableVersion,
            byte[] commitRecoverable) {
        this.tenant = tenant;
        this.requestDate = requestDate;
        this.erid = erid;
        this.numberOfRecords = numberOfRecords;
        this.rowCount = rowCount;
        this.fieldCounts = new TreeMap<>(fieldCounts);
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
                && Objects.equals(fieldCounts, that.fieldCounts)
                && Objects.equals(path, that.path)
                && Arrays.equals(commitRecoverable, that.commitRecoverable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, requestDate, erid, numberOfRecords, rowCount, fieldCounts, path,
                        commitRecoverableVersion)
                + 31 * Arrays.hashCode(commitRecoverable);
    }

    @Override
    public String toString() {
        return "PartitionFileCommittable{tenant=" + tenant + ", requestDate=" + requestDate + ", erid=" + erid
                + ", numberOfRecords=" + numberOfRecords + ", rowCount=" + rowCount + ", fieldCounts=" + fieldCounts
                + ", path=" + path + '}';
    }
}
