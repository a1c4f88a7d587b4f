package io.des.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StorageLayoutTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String DATE = "2026-11-21";

    @Test
    void everyPartitionOfATenantLivesUnderItsOwnPrefix() {
        assertEquals("enriched_data/tenant=acme", StorageLayout.tenantPath("acme"));
        assertEquals("enriched_data/tenant=acme/request_date=2026-11-21/erid=" + ERID,
                StorageLayout.publishedPartitionPath("acme", DATE, ERID));
        assertEquals("enriched_data/tenant=acme/request_date=2026-11-21/erid=" + ERID + "_incomplete",
                StorageLayout.incompletePartitionPath("acme", DATE, ERID));
    }

    @Test
    void theLongestValidTenantIdIsAPathSegment() {
        String longest = "a".repeat(63);

        assertEquals("enriched_data/tenant=" + longest, StorageLayout.tenantPath(longest));
    }

    /** Escaping the directory, upper case, empty, 64 characters, a separator, a leading dash, a space, null. */
    static Stream<String> invalidTenantIds() {
        return Stream.of("../x", "A", "", "a".repeat(64), "acme/x", "-acme", "acme ", null);
    }

    @ParameterizedTest
    @MethodSource("invalidTenantIds")
    void invalidTenantIdNeverBecomesAPathSegment(String tenant) {
        assertThrows(IllegalArgumentException.class, () -> StorageLayout.tenantPath(tenant));
        assertThrows(IllegalArgumentException.class, () -> StorageLayout.publishedPartitionPath(tenant, DATE, ERID));
        assertThrows(IllegalArgumentException.class, () -> StorageLayout.incompletePartitionPath(tenant, DATE, ERID));
    }

    @Test
    void invalidEridOrDateNeverBecomesAPathSegmentEither() {
        assertThrows(IllegalArgumentException.class, () -> StorageLayout.publishedPartitionPath("acme", DATE, "../x"));
        assertThrows(IllegalArgumentException.class, () -> StorageLayout.incompletePartitionPath("acme", "2026-1-2", ERID));
    }
}
