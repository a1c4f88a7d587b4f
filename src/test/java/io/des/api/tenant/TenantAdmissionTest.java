package io.des.api.tenant;

import static io.des.api.tenant.TenantFixtures.chunk;
import static io.des.api.tenant.TenantFixtures.directory;
import static io.des.api.tenant.TenantFixtures.refused;
import static io.des.api.tenant.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.ingest.IngestAdmission.Reservation;
import io.des.model.ApiError;
import io.des.model.ErrorCode;
import io.des.model.MovableClock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantAdmissionTest {

    private static final String E1 = "00000000-0000-4000-8000-000000000001";
    private static final String E2 = "00000000-0000-4000-8000-000000000002";
    private static final String E3 = "00000000-0000-4000-8000-000000000003";
    private static final String LIMITS =
            "{\"records_per_day\": 100, \"erids_in_progress\": 2, \"max_number_of_records\": 1000}";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T23:59:00Z"));
    private final Set<String> completed = new HashSet<>();
    private final TenantDirectory tenants = directory(tenant("acme", LIMITS, "a"), tenant("globex", LIMITS, "g"));
    private final TenantUsage usage = new TenantUsage(clock, (tenant, erid, date) -> completed.contains(tenant + "/" + erid));
    private final TenantAdmission admission = new TenantAdmission(() -> tenants, usage);

    @Test
    void anErIdLargerThanTheTenantAllowsIsRefusedNamingTheLimit() {
        ApiError error = refused(() -> admission.admit("acme", chunk(E1, 1, 1001))).error();
        assertEquals(ErrorCode.NUMBER_OF_RECORDS_LIMIT, error.code());
        assertEquals(413, error.status());
        assertEquals("max_number_of_records", error.limit());
        assertEquals("number_of_records", error.field());
        assertTrue(error.message().contains("1000"), error.message());
    }

    @Test
    void recordsPerDayRefusesTheChunkThatWouldPassItUntilMidnight() {
        admission.admit("acme", chunk(E1, 60, 1000));
        ApiError error = refused(() -> admission.admit("acme", chunk(E1, 41, 1000))).error();
        assertEquals(ErrorCode.RECORDS_PER_DAY_LIMIT, error.code());
        assertEquals(429, error.status());
        assertEquals("records_per_day", error.limit());
        assertTrue(error.message().contains("100") && error.message().contains("60 accepted today"), error.message());
        assertEquals("60", error.headers().get("Retry-After"), "seconds to UTC midnight");
        assertDoesNotThrow(() -> admission.admit("acme", chunk(E1, 40, 1000)));
        clock.now = Instant.parse("2026-12-01T00:00:01Z");
        assertDoesNotThrow(() -> admission.admit("acme", chunk(E1, 100, 1000)), "a new UTC day starts at zero");
    }

    @Test
    void theReservationCarriesTheTenantsEnrichmentWeight() {
        String acme = tenant("acme", LIMITS, "a");
        TenantDirectory weighed = directory(acme.substring(0, acme.length() - 1) + ",\"enrichment_weight\":4}",
                tenant("globex", null, "g"));
        TenantAdmission byWeight = new TenantAdmission(() -> weighed, usage);

        assertEquals(4, byWeight.admit("acme", chunk(E1, 1, 1000)).enrichmentWeight());
        assertEquals(1, byWeight.admit("globex", chunk(E1, 1, 1000)).enrichmentWeight(), "an equal share by default");
    }

    @Test
    void aChunkThatWasNotStoredGivesItsRecordsBack() {
        Reservation reservation = admission.admit("acme", chunk(E1, 100, 1000));
        reservation.cancel();
        assertEquals(0, usage.snapshot("acme").recordsToday());
        assertEquals(0, usage.snapshot("acme").eridsInProgress());
        assertDoesNotThrow(() -> admission.admit("acme", chunk(E1, 100, 1000)));
    }

    @Test
    void aNewErIdPastTheInProgressLimitIsRefusedButKnownOnesGoOn() {
        admission.admit("acme", chunk(E1, 1, 1000));
        admission.admit("acme", chunk(E2, 1, 1000));
        ApiError error = refused(() -> admission.admit("acme", chunk(E3, 1, 1000))).error();
        assertEquals(ErrorCode.ERIDS_IN_PROGRESS_LIMIT, error.code());
        assertEquals("erids_in_progress", error.limit());
        assertTrue(error.message().contains("2 ERIDs in progress"), error.message());
        assertTrue(!error.message().contains(E1) && !error.message().contains(E2), "no ERID is named");
        assertDoesNotThrow(() -> admission.admit("acme", chunk(E2, 1, 1000)), "more of an ERID in progress");
    }

    @Test
    void aCompletedErIdFreesItsPlace() {
        admission.admit("acme", chunk(E1, 1, 1000));
        admission.admit("acme", chunk(E2, 1, 1000));
        completed.add("acme/" + E1);
        assertDoesNotThrow(() -> admission.admit("acme", chunk(E3, 1, 1000)));
        assertEquals(2, usage.snapshot("acme").eridsInProgress());
    }

    @Test
    void tenantsHaveTheirOwnCounts() {
        admission.admit("acme", chunk(E1, 50, 1000));
        admission.admit("acme", chunk(E2, 50, 1000));
        assertDoesNotThrow(() -> admission.admit("globex", chunk(E1, 50, 1000)), "the same erid is globex's own");
        assertDoesNotThrow(() -> admission.admit("globex", chunk(E3, 50, 1000)), "acme's use does not count for globex");
        assertEquals(100, usage.snapshot("acme").recordsToday());
        assertEquals(2, usage.snapshot("globex").eridsInProgress());
    }
}
