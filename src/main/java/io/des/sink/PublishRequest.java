package io.des.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Every record of an ERID is committed: compact its files from the {@code _incomplete} directory
 * into the published partition. Emitted once per ERID by {@link PartitionProgressFunction}.
 */
@TypeInfo(PublishRequestTypeInfo.class)
public class PublishRequest {

    public String tenant;
    public String erid;
    public String requestDate;
    public long numberOfRecords;

    /** The committed files; their rows add up to {@link #numberOfRecords}. */
    public List<CommittedFile> files = new ArrayList<>();

    /** Per requested field, how the ERID's rows fared: the sums of its files' tallies. */
    public Map<String, FieldTally> fieldCounts = new TreeMap<>();

    public PublishRequest() {}

    public PublishRequest(String tenant, String erid, String requestDate, long numberOfRecords,
            List<CommittedFile> files, Map<String, FieldTally> fieldCounts) {
        this.tenant = tenant;
        this.erid = erid;
        this.requestDate = requestDate;
        this.numberOfRecords = numberOfRecords;
        this.files = new ArrayList<>(files);
        this.fieldCounts = new TreeMap<>(fieldCounts);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PublishRequest)) {
            return false;
        }
        PublishRequest that = (PublishRequest) o;
        return numberOfRecords == that.numberOfRecords
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(erid, that.erid)
                && Objects.equals(requestDate, that.requestDate)
                && Objects.equals(files, that.files)
                && Objects.equals(fieldCounts, that.fieldCounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, erid, requestDate, numberOfRecords, files, fieldCounts);
    }

    @Override
    public String toString() {
        return "PublishRequest{tenant=" + tenant + ", erid=" + erid + ", requestDate=" + requestDate
                + ", numberOfRecords="
                + numberOfRecords + ", files=" + files + ", fieldCounts=" + fieldCounts + '}';
    }
}
