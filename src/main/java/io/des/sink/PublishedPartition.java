package io.des.sink;

import java.util.Objects;

/** A partition that is in its final place, with {@code _SUCCESS} written and the catalog told. */
public class PublishedPartition {

    public String tenant;
    public String erid;
    public String requestDate;
    public long rows;

    /**
     * The published partition directory, e.g. {@code
     * s3://bucket/enriched_data/tenant=…/request_date=…/erid=…}.
     */
    public String partitionUri;

    public PublishedPartition() {}

    public PublishedPartition(String tenant, String erid, String requestDate, long rows, String partitionUri) {
        this.tenant = tenant;
        this.erid = erid;
        this.requestDate = requestDate;
        this.rows = rows;
        this.partitionUri = partitionUri;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PublishedPartition)) {
            return false;
        }
        PublishedPartition that = (PublishedPartition) o;
        return rows == that.rows
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(erid, that.erid)
                && Objects.equals(requestDate, that.requestDate)
                && Objects.equals(partitionUri, that.partitionUri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, erid, requestDate, rows, partitionUri);
    }

    @Override
    public String toString() {
        return "PublishedPartition{tenant=" + tenant + ", erid=" + erid + ", requestDate=" + requestDate
                + ", rows=" + rows
                + ", partitionUri=" + partitionUri + '}';
    }
}
