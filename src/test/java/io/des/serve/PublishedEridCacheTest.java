package io.des.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishedEridCacheTest {

    private static final LocalDate DATE = LocalDate.of(2024, 2, 9);

    @Test
    void theLeastRecentlyUsedEridGoesFirstWhenTheWeightBoundIsPassed() {
        PublishedEridCache cache = new PublishedEridCache(2);
        cache.put(key(1), published());
        cache.put(key(2), published());
        cache.get(key(1));

        cache.put(key(3), published());

        assertTrue(cache.get(key(1)).isPresent());
        assertFalse(cache.get(key(2)).isPresent(), "least recently used");
        assertTrue(cache.get(key(3)).isPresent());
        assertEquals(2, cache.weight());
    }

    @Test
    void anInvalidatedEridIsForgottenAndItsWeightReturned() {
        PublishedEridCache cache = new PublishedEridCache(10);
        cache.put(key(1), published());

        cache.invalidate(key(1));

        assertFalse(cache.get(key(1)).isPresent());
        assertEquals(0, cache.weight());
    }

    private static PublishedEridCache.Key key(int n) {
        return new PublishedEridCache.Key("acme", "00000000-0000-4000-8000-00000000000" + n, DATE);
    }

    /** Weight 1: a marker and no files. */
    private static PublishedEridCache.Published published() {
        return new PublishedEridCache.Published(null, List.of());
    }
}
