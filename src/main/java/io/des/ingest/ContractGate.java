package io.des.ingest;

import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ErrorCode;
import io.des.registry.EridContract;
import io.des.registry.EridEntry;
import io.des.registry.EridLifecycle;
import io.des.registry.EridRegistry;
import io.des.registry.Registration;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Holds every POST of an ERID to the contract its first accepted POST fixed, through the {@link
 * EridRegistry}: the first POST registers it (first write wins, atomically in the store), later ones
 * must agree with it or get {@code 409}. The request date is the contract's, so every POST of an
 * ERID gets the same {@code status_url}, even across a UTC midnight.
 */
public final class ContractGate {

    private final EridRegistry registry;
    private final Clock clock;
    private final CallbackUrlCheck callbackUrls;
    private final Function<String, String> defaultCallbackUrl;

    /**
     * @param defaultCallbackUrl the tenant's default webhook URL (or null), recorded in the contract
     *     of an ERID whose first POST names none, so the job and the dispatcher need not know tenants
     */
    public ContractGate(EridRegistry registry, Clock clock, CallbackUrlCheck callbackUrls,
            Function<String, String> defaultCallbackUrl) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.callbackUrls = Objects.requireNonNull(callbackUrls, "callbackUrls");
        this.defaultCallbackUrl = Objects.requireNonNull(defaultCallbackUrl, "defaultCallbackUrl");
    }

    /**
     * Checks the chunk against the ERID's contract if there is one, without writing anything.
     *
     * @return the entry in force, or empty for a new ERID
     * @throws ApiException 400 for a refused {@code callback_url}, 409 for a contradiction or an expired ERID
     */
    public Optional<EridEntry> check(String tenant, IngestRequest chunk) {
        if (chunk.callbackUrl() != null) {
            callbackUrls.refusal(chunk.callbackUrl()).ifPresent(reason -> {
                throw new ApiException(ApiError.field(ErrorCode.INVALID_FIELD, IngestRequestParser.CALLBACK_URL,
                        "callback_url is refused: " + reason));
            });
        }
        Optional<EridEntry> existing = registry.get(tenant, chunk.erid());
        existing.ifPresent(entry -> requireAgreement(entry, proposal(tenant, chunk, chunk.callbackUrl())));
        return existing;
    }

    /**
     * Registers the chunk's contract unless one exists (then checks the chunk against it, which a
     * concurrent first POST may have just written).
     */
    public EridEntry register(String tenant, IngestRequest chunk) {
        String callbackUrl = chunk.callbackUrl() != null ? chunk.callbackUrl() : defaultCallbackUrl.apply(tenant);
        Registration registration = registry.register(proposal(tenant, chunk, callbackUrl));
        if (!registration.created()) {
            // Compared with what this POST said, not with the default it would have been given.
            requireAgreement(registration.entry(), proposal(tenant, chunk, chunk.callbackUrl()));
        }
        return registration.entry();
    }

    /** Restarts the ERID's expiry clock: the API just accepted records of it. */
    public void recordActivity(String tenant, String erid) {
        registry.recordActivity(tenant, erid, clock.instant());
    }

    private EridContract proposal(String tenant, IngestRequest chunk, String callbackUrl) {
        return new EridContract(tenant, chunk.erid(), chunk.numberOfRecords(), chunk.fieldsToEnrich(),
                LocalDate.now(clock.withZone(ZoneOffset.UTC)), clock.instant(), callbackUrl, chunk.metadataJson());
    }

    private static void requireAgreement(EridEntry entry, EridContract proposed) {
        if (entry.lifecycle() == EridLifecycle.EXPIRED) {
            throw new ApiException(ApiError.of(ErrorCode.ERID_EXPIRED, "erid " + proposed.erid() + " expired at "
                    + entry.expiredAt() + " after no new record for its expiry window; send the contacts again under a new erid"));
        }
        List<String> contradictions = entry.contract().contradictions(proposed);
        if (!contradictions.isEmpty()) {
            throw new ApiException(ApiError.of(ErrorCode.ERID_CONFLICT, "this POST contradicts what the first POST of erid "
                    + proposed.erid() + " fixed: " + String.join("; ", contradictions)));
        }
    }
}
