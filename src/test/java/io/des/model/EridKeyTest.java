package io.des.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EridKeyTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    @Test
    void theSameEridOfTwoTenantsIsTwoKeys() {
        assertEquals("acme/" + ERID, EridKey.of("acme", ERID));
        assertNotEquals(EridKey.of("acme", ERID), EridKey.of("globex", ERID));
    }

    @Test
    void neitherPartCanCarryTheSeparatorSoNoTwoPairsShareAKey() {
        assertThrows(IllegalArgumentException.class, () -> EridKey.of("acme/" + ERID, ERID));
        assertThrows(IllegalArgumentException.class, () -> EridKey.of("acme", ERID + "/x"));
        assertThrows(IllegalArgumentException.class, () -> EridKey.of(null, ERID));
        assertThrows(IllegalArgumentException.class, () -> EridKey.of("acme", null));
    }

    @Test
    void aKeyGivesBackItsTenantAndErid() {
        String key = EridKey.of("acme-2", ERID);

        assertEquals("acme-2", EridKey.tenantOf(key));
        assertEquals(ERID, EridKey.eridOf(key));
    }
}
