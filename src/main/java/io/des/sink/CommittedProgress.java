package io.des.sink;

import io.des.registry.EridRegistry;
import io.des.registry.RegistryReport;
import java.util.Objects;

/**
 * An ERID's committed rows so far, to be recorded in the ERID registry. Emitted by {@link
 * PartitionProgressFunction} at most once per ERID per commit batch; a Flink POJO because it waits
 * in the reporting async operator's checkpointed state.
 */
public class CommittedProgress implements RegistryReport {

    public String tenant;
    public String erid;
    public long committedRows;

    public CommittedProgress() {}

    public CommittedProgress(String tenant, String erid, long committedRows) {
        this.tenant = tenant;
        this.erid = erid;
        this.committedRows = committedRows;
    }

    @Override
    public void recordIn(EridRegistry registry) {
        registry.recordCommitted(tenant, erid, committedRows);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommittedProgress that
                && committedRows == that.committedRows
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(erid, that.erid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, erid, committedRows);
    }

    @Override
    public String toString() {
        return "CommittedProgress{tenant=" + tenant + ", erid=" + erid + ", committedRows=" + committedRows + '}';
    }
}
