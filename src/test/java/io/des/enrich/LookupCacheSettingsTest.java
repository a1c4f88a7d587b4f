package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LookupCacheSettingsTest {

    @Test
    void theCacheIsOnByDefaultForADayAndAHundredThousandEntries() {
        EnrichmentSettings settings = EnrichmentSettings.fromProperties(withEndpoint());

        assertEquals(LookupCacheSettings.defaults(), settings.lookupCache());
        assertTrue(settings.lookupCache().enabled());
        assertEquals(Duration.ofHours(24), settings.lookupCache().ttl());
        assertEquals(100_000, settings.lookupCache().maxEntries());
    }

    @Test
    void readsEveryCacheKey() {
        Properties p = withEndpoint();
        p.setProperty("cache.enabled", "false");
        p.setProperty("cache.ttl-hours", "6");
        p.setProperty("cache.max-entries", "500");

        LookupCacheSettings cache = EnrichmentSettings.fromProperties(p).lookupCache();

        assertFalse(cache.enabled());
        assertEquals(Duration.ofHours(6), cache.ttl());
        assertEquals(500, cache.maxEntries());
    }

    @Test
    void invalidValuesAreRejectedNamingTheirKey() {
        assertRejectedNaming("cache.enabled", "yes");
        assertRejectedNaming("cache.ttl-hours", "0");
        assertRejectedNaming("cache.ttl-hours", "a day");
        assertRejectedNaming("cache.max-entries", "-5");
        assertRejectedNaming("cache.max-entries", "3000000000");
    }

    private static void assertRejectedNaming(String key, String value) {
        Properties p = withEndpoint();
        p.setProperty(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnrichmentSettings.fromProperties(p));
        assertTrue(e.getMessage().contains("DesEnrich." + key + " "), e.getMessage());
    }

    private static Properties withEndpoint() {
        Properties p = new Properties();
        p.setProperty("provider.endpoint", "http://localhost:8089/v1/lookup");
        return p;
    }
}
