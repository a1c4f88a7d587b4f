package io.des.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EridExpiryTest {

    @Test
    void bothRetentionsDeriveFromTheWindowAndPublishTrackingOutlivesTheDedupeState() {
        for (Duration window : new Duration[] {Duration.ofSeconds(30), Duration.ofDays(7), Duration.ofDays(365)}) {
            EridExpiry expiry = new EridExpiry(window);

            assertTrue(expiry.dedupeStateRetention().compareTo(window) > 0, "dedupe outlives the API's window");
            assertTrue(expiry.publishTrackingRetention().compareTo(expiry.dedupeStateRetention()) > 0,
                    "publish tracking outlives the dedupe state");
        }
        assertEquals(Duration.ofDays(8), EridExpiry.DEFAULT.dedupeStateRetention());
        assertEquals(Duration.ofDays(9), EridExpiry.DEFAULT.publishTrackingRetention());
    }

    @Test
    void parsesIsoDurations() {
        assertEquals(Duration.ofSeconds(30), EridExpiry.parse("PT30S").window());
        assertEquals(Duration.ofDays(7), EridExpiry.parse(" P7D ").window());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "7d", "P1M", "PT0S", "-P1D", "P366D", ""})
    void refusesWhatIsNotAPositiveIsoDurationOfAtMostAYear(String raw) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EridExpiry.parse(raw));
        assertTrue(refused.getMessage().contains("P7D") || refused.getMessage().contains("positive"), refused.getMessage());
    }
}
