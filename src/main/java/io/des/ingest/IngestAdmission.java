package io.des.ingest;

import io.des.model.ContactRecord;

/**
 * Decides whether a tenant may have a parsed chunk accepted (its per-tenant limits), before any
 * record is published. Implemented at the edge, where tenants and their limits are known.
 */
@FunctionalInterface
public interface IngestAdmission {

    /** Admits everything: local mode's single tenant without limits, and tests. */
    IngestAdmission UNLIMITED = (tenant, request) -> () -> { };

    /**
     * Checks the chunk against the tenant's limits and reserves what it uses.
     *
     * @throws io.des.model.ApiException naming the limit and its value when one refuses the chunk
     */
    Reservation admit(String tenant, IngestRequest request);

    /** What an admitted chunk holds of the tenant's limits, and the share of the providers it gets. */
    @FunctionalInterface
    interface Reservation {
        /** The chunk was not stored after all (publishing failed): give back what it reserved. */
        void cancel();

        /**
         * The tenant's {@code enrichment_weight}, written into each of the chunk's records: their
         * share of the providers against other tenants' waiting records.
         */
        default int enrichmentWeight() {
            return ContactRecord.DEFAULT_ENRICHMENT_WEIGHT;
        }
    }
}
