package io.des.api.tenant;

import io.des.ingest.IngestAdmission;
import io.des.ingest.IngestRequest;
import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ContactRecord;
import io.des.model.ErrorCode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The per-tenant limits a POST is held to, checked after it is parsed and before anything is
 * published, in this order: {@code max_number_of_records} (413), {@code erids_in_progress} (429),
 * {@code records_per_day} (429). Each refusal names the limit and its value, and mentions only the
 * caller's own use.
 */
public final class TenantAdmission implements IngestAdmission {

    private final Supplier<TenantDirectory> tenants;
    private final TenantUsage usage;

    public TenantAdmission(Supplier<TenantDirectory> tenants, TenantUsage usage) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @Override
    public Reservation admit(String tenantId, IngestRequest request) {
        Optional<Tenant> tenant = tenants.get().byId(tenantId);
        int weight = tenant.map(Tenant::enrichmentWeight).orElse(ContactRecord.DEFAULT_ENRICHMENT_WEIGHT);
        TenantLimits limits = tenant.map(Tenant::limits).orElse(null);
        if (limits == null) {
            return countOnly(tenantId, request.contacts().size(), weight);
        }
        if (request.numberOfRecords() > limits.maxNumberOfRecords()) {
            throw new ApiException(new ApiError(ErrorCode.NUMBER_OF_RECORDS_LIMIT, "number_of_records "
                    + request.numberOfRecords() + " exceeds this tenant's max_number_of_records of " + limits.maxNumberOfRecords(),
                    "number_of_records", null, "max_number_of_records", java.util.Map.of()));
        }
        boolean newErid = trackErid(tenantId, request.erid(), limits);
        long records = request.contacts().size();
        LocalDate day = usage.today();
        try {
            usage.reserveRecords(tenantId, records, limits.recordsPerDay());
        } catch (TenantUsage.LimitReached reached) {
            if (newErid) {
                usage.untrack(tenantId, request.erid());
            }
            throw new ApiException(ApiError.limit(ErrorCode.RECORDS_PER_DAY_LIMIT, "records_per_day",
                    "accepting " + records + " more records would pass this tenant's records_per_day of "
                            + limits.recordsPerDay() + " (" + reached.used + " accepted today, UTC)")
                    .withHeader("Retry-After", String.valueOf(usage.secondsUntilNextDay())));
        }
        return reservation(weight, () -> {
            usage.releaseRecords(tenantId, records, day);
            if (newErid) {
                usage.untrack(tenantId, request.erid());
            }
        });
    }

    /** A tenant without limits (local open mode): its use is counted for {@code /v2/usage}, never refused. */
    private Reservation countOnly(String tenantId, long records, int weight) {
        LocalDate day = usage.today();
        try {
            usage.reserveRecords(tenantId, records, Long.MAX_VALUE);
        } catch (TenantUsage.LimitReached impossible) {
            throw new IllegalStateException(impossible);
        }
        return reservation(weight, () -> usage.releaseRecords(tenantId, records, day));
    }

    private static Reservation reservation(int enrichmentWeight, Runnable cancel) {
        return new Reservation() {
            @Override
            public void cancel() {
                cancel.run();
            }

            @Override
            public int enrichmentWeight() {
                return enrichmentWeight;
            }
        };
    }

    private boolean trackErid(String tenantId, String erid, TenantLimits limits) {
        try {
            return usage.track(tenantId, erid, limits.eridsInProgress());
        } catch (TenantUsage.LimitReached reached) {
            throw new ApiException(ApiError.limit(ErrorCode.ERIDS_IN_PROGRESS_LIMIT, "erids_in_progress",
                    "this tenant already has " + reached.used + " ERIDs in progress, its erids_in_progress limit; "
                            + "send more once some are completed")
                    .withHeader("Retry-After", "60"));
        }
    }
}
