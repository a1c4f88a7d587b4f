package io.des.job;

import io.des.registry.EridRegistry;
import io.des.registry.RegistryReport;
import java.util.Objects;

/**
 * How many distinct records of an ERID the job has taken in so far, for the ERID registry: with the
 * committed count it tells GET how many records the job holds and has not committed yet ({@code
 * records_waiting}). Emitted by {@link EridProgressFunction} at most once a second per ERID while
 * its records arrive; a Flink POJO because it waits in the reporting async operator's state.
 */
public class ReceivedProgress implements RegistryReport {

    public String tenant;
    public String erid;
    public long receivedRecords;

    public ReceivedProgress() {}

    public ReceivedProgress(String tenant, String erid, long receivedRecords) {
        this.tenant = tenant;
        this.erid = erid;
        this.receivedRecords = receivedRecords;
    }

    @Override
    public void recordIn(EridRegistry registry) {
        registry.recordReceived(tenant, erid, receivedRecords);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedProgress that
                && receivedRecords == that.receivedRecords
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(erid, that.erid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, erid, receivedRecords);
    }

    @Override
    public String toString() {
        return "ReceivedProgress{tenant=" + tenant + ", erid=" + erid + ", receivedRecords=" + receivedRecords + '}';
    }
}
