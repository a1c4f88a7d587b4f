package io.des.api.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /v2/usage}: the calling tenant's limits and today's use, so a client can pace itself
 * before it meets a 429. {@code limits} is null for local mode's open tenant, which has none.
 */
public final class UsageHandler implements ApiHandler {

    public static final String PATH = "/v2/usage";

    private final Supplier<TenantDirectory> tenants;
    private final TenantUsage usage;

    public UsageHandler(Supplier<TenantDirectory> tenants, TenantUsage usage) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Tenant tenant = tenants.get().byId(request.tenant())
                .orElseThrow(() -> new IllegalStateException("the edge resolved an unknown tenant"));
        TenantUsage.Snapshot used = usage.snapshot(tenant.id());
        TenantLimits limits = tenant.limits();
        return ApiResponse.json(200, new Body(tenant.id(), tenant.name(),
                limits == null ? null : new Limits(limits.requestsPerSecond(), limits.recordsPerDay(),
                        limits.eridsInProgress(), limits.maxNumberOfRecords()),
                new Usage(used.date().toString(), used.recordsToday(), used.eridsInProgress())));
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"tenant", "name", "limits", "usage"})
    record Body(@JsonProperty("tenant") String tenant, @JsonProperty("name") String name,
            @JsonProperty("limits") Limits limits, @JsonProperty("usage") Usage usage) {}

    @JsonPropertyOrder({"requests_per_second", "records_per_day", "erids_in_progress", "max_number_of_records"})
    record Limits(@JsonProperty("requests_per_second") double requestsPerSecond,
            @JsonProperty("records_per_day") long recordsPerDay,
            @JsonProperty("erids_in_progress") int eridsInProgress,
            @JsonProperty("max_number_of_records") long maxNumberOfRecords) {}

    /** {@code records_accepted} and {@code date}: contacts accepted on that UTC day. */
    @JsonPropertyOrder({"date", "records_accepted", "erids_in_progress"})
    record Usage(@JsonProperty("date") String date, @JsonProperty("records_accepted") long recordsAccepted,
            @JsonProperty("erids_in_progress") int eridsInProgress) {}
}
