package io.des.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads over many ERIDs: a tenant's history ({@code list}) and the expiry sweep's ({@code idleSince}). */
abstract class EridListingContractTest extends RegistryContract {

    private static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);
    private static final LocalDate DEC_1 = NOV_30.plusDays(1);
    private static final LocalDate DEC_2 = NOV_30.plusDays(2);
    private static final Instant DAY_1 = NOV_30.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    private static final Instant DAY_2 = DAY_1.plus(Duration.ofDays(1));
    private static final Instant DAY_3 = DAY_2.plus(Duration.ofDays(1));

    @Test
    void listsATenantsEridsNewestFirstInPages() {
        for (int i = 1; i <= 5; i++) {
            registry.register(contract(ACME, erid(i), 4, DAY_1.plusSeconds(i)));
        }

        assertEquals(List.of(erid(5), erid(4)), erids(registry.list(ACME, Optional.empty(), NOV_30, NOV_30, 1, 2)));
        assertEquals(List.of(erid(3), erid(2)), erids(registry.list(ACME, Optional.empty(), NOV_30, NOV_30, 2, 2)));
        assertEquals(List.of(erid(1)), erids(registry.list(ACME, Optional.empty(), NOV_30, NOV_30, 3, 2)));
        assertEquals(List.of(), registry.list(ACME, Optional.empty(), NOV_30, NOV_30, 4, 2));
    }

    @Test
    void eridsCreatedAtTheSameInstantListInAStableOrder() {
        registry.register(contract(ACME, erid(1), 4, DAY_1));
        registry.register(contract(ACME, erid(2), 4, DAY_1));

        assertEquals(List.of(erid(2), erid(1)), erids(registry.list(ACME, Optional.empty(), NOV_30, NOV_30, 1, 10)));
    }

    @Test
    void listsOnlyTheAskedLifecycle() {
        registry.register(contract(ACME, erid(1), 4, DAY_1.plusSeconds(1)));
        registry.register(contract(ACME, erid(2), 4, DAY_1.plusSeconds(2)));
        registry.register(contract(ACME, erid(3), 4, DAY_1.plusSeconds(3)));
        registry.register(contract(ACME, erid(4), 4, DAY_1.plusSeconds(4)));
        registry.markCompleted(ACME, erid(2), DAY_1.plusSeconds(60), Map.of());
        registry.markCompleted(ACME, erid(4), DAY_1.plusSeconds(60), Map.of());
        registry.markExpired(ACME, erid(3), DAY_1.plusSeconds(60));

        assertEquals(List.of(erid(4), erid(2)),
                erids(registry.list(ACME, Optional.of(EridLifecycle.COMPLETED), NOV_30, NOV_30, 1, 10)));
        assertEquals(List.of(erid(2)),
                erids(registry.list(ACME, Optional.of(EridLifecycle.COMPLETED), NOV_30, NOV_30, 2, 1)));
        assertEquals(List.of(erid(3)), erids(registry.list(ACME, Optional.of(EridLifecycle.EXPIRED), NOV_30, NOV_30, 1, 10)));
        assertEquals(List.of(erid(1)), erids(registry.list(ACME, Optional.of(EridLifecycle.RECEIVING), NOV_30, NOV_30, 1, 10)));
    }

    @Test
    void listsOnlyEridsCreatedWithinTheDatesBothIncluded() {
        registry.register(contract(ACME, erid(1), 4, DAY_1.minusNanos(1))); // the last instant of Nov 29
        registry.register(contract(ACME, erid(2), 4, DAY_1));                // the first of Nov 30
        registry.register(contract(ACME, erid(3), 4, DAY_2.minusNanos(1)));
        registry.register(contract(ACME, erid(4), 4, DAY_2));
        registry.register(contract(ACME, erid(5), 4, DAY_3));

        assertEquals(List.of(erid(3), erid(2)), erids(registry.list(ACME, Optional.empty(), NOV_30, NOV_30, 1, 10)));
        assertEquals(List.of(erid(4), erid(3), erid(2)), erids(registry.list(ACME, Optional.empty(), NOV_30, DEC_1, 1, 10)));
        assertEquals(List.of(erid(5)), erids(registry.list(ACME, Optional.empty(), DEC_2, DEC_2, 1, 10)));
        assertEquals(List.of(), registry.list(ACME, Optional.empty(), DEC_1, NOV_30, 1, 10));
    }

    @Test
    void aTenantNeverListsAnotherTenantsErids() {
        registry.register(contract(ACME, erid(1), 4, DAY_1));
        registry.register(contract(GLOBEX, erid(2), 4, DAY_1));
        registry.register(contract(GLOBEX, erid(1), 9, DAY_1.plusSeconds(1)));

        List<EridEntry> acme = registry.list(ACME, Optional.empty(), NOV_30, NOV_30, 1, 10);
        assertEquals(List.of(erid(1)), erids(acme));
        assertEquals(4, acme.get(0).contract().numberOfRecords());
        assertEquals(List.of(erid(1), erid(2)), erids(registry.list(GLOBEX, Optional.empty(), NOV_30, NOV_30, 1, 10)));
        assertEquals(List.of(), registry.list("initech", Optional.empty(), NOV_30, NOV_30, 1, 10));
    }

    @Test
    void refusesPagesThatDoNotExist() {
        assertThrows(IllegalArgumentException.class, () -> registry.list(ACME, Optional.empty(), NOV_30, NOV_30, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> registry.list(ACME, Optional.empty(), NOV_30, NOV_30, 1, 0));
    }

    @Test
    void idleSinceFindsReceivingEridsOfEveryTenantOldestFirst() {
        registry.register(contract(ACME, erid(1), 4, DAY_1));
        registry.register(contract(GLOBEX, erid(2), 4, DAY_1.plusSeconds(1)));
        registry.register(contract(ACME, erid(3), 4, DAY_1.plusSeconds(2)));
        registry.register(contract(ACME, erid(4), 4, DAY_1.plusSeconds(3)));
        registry.recordActivity(ACME, erid(1), DAY_1.plusSeconds(100)); // still sending: not idle
        registry.markCompleted(ACME, erid(3), DAY_1.plusSeconds(10), Map.of()); // done: never idle

        Instant cutoff = DAY_1.plusSeconds(50);
        assertEquals(List.of(erid(2), erid(4)), erids(registry.idleSince(cutoff, 10)));
        assertEquals(List.of(erid(2)), erids(registry.idleSince(cutoff, 1)));
        assertEquals(List.of(erid(2), erid(4), erid(1)), erids(registry.idleSince(DAY_1.plusSeconds(101), 10)));
        assertEquals(GLOBEX, registry.idleSince(cutoff, 1).get(0).contract().tenant());
    }

    @Test
    void idleSinceCountsOnlyActivityStrictlyBeforeTheCutoff() {
        registry.register(contract(ACME, erid(1), 4, DAY_1));

        assertEquals(List.of(), registry.idleSince(DAY_1, 10));
        assertEquals(List.of(erid(1)), erids(registry.idleSince(DAY_1.plusNanos(1), 10)));
    }

    @Test
    void anExpiredEridIsNoLongerIdle() {
        registry.register(contract(ACME, erid(1), 4, DAY_1));
        registry.markExpired(ACME, erid(1), DAY_2);

        assertEquals(List.of(), registry.idleSince(DAY_3, 10));
    }

    private static List<String> erids(List<EridEntry> entries) {
        return entries.stream().map(entry -> entry.contract().erid()).toList();
    }
}
