package io.des.pipeline.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.des.model.Erids;
import io.des.pipeline.config.LoadMode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunEridsTest {

    private static final Watermark LOW = new Watermark(CursorValue.of(java.time.LocalDateTime.parse("2026-03-01T10:00:00.123456")), CursorValue.of(7L));
    private static final Watermark HIGH = new Watermark(CursorValue.of(java.time.LocalDateTime.parse("2026-03-02T10:00")), CursorValue.of(90L));

    @Test
    void aRetriedRunGetsTheSameEridAndAnyOtherWindowAnother() {
        RunWindow window = new RunWindow(LoadMode.INCREMENTAL, LOW, HIGH, 4);
        String erid = RunErids.of("acme", "crm", window);

        assertEquals(erid, RunErids.of("acme", "crm", new RunWindow(LoadMode.INCREMENTAL, LOW, HIGH, 4)));
        assertNotEquals(erid, RunErids.of("acme", "crm", new RunWindow(LoadMode.INCREMENTAL, LOW, HIGH, 5)));
        assertNotEquals(erid, RunErids.of("acme", "crm", new RunWindow(LoadMode.INCREMENTAL, null, HIGH, 4)));
        assertNotEquals(erid, RunErids.of("globex", "crm", window));
        assertNotEquals(erid, RunErids.of("acme", "crm2", window));
        assertNotEquals(erid, RunErids.of("acme", "crm", window, "contacts.csv:120:1767225600000\n"), "files that changed");
        assertEquals(RunErids.of("acme", "crm", window, "a.csv:1:2\n"), RunErids.of("acme", "crm", window, "a.csv:1:2\n"));
        assertEquals(true, Erids.isValid(erid), erid);
        assertEquals(5, UUID.fromString(erid).version());
        assertEquals(2, UUID.fromString(erid).variant());
    }

    @Test
    void nameBasedUuidsMatchRfc9562() {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com"
        assertEquals("2ed6657d-e927-568b-95e1-2665a8aea6a2",
                RunErids.nameBased(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com").toString());
    }

    @Test
    void watermarksSurviveTheirStoredForm() {
        Watermark odd = new Watermark(CursorValue.of("a|b:c"), CursorValue.of(new java.math.BigDecimal("1.50")));
        assertEquals(odd, Watermark.decode(odd.encode()));
        assertEquals(LOW, Watermark.decode(LOW.encode()));
        assertEquals(java.time.LocalDateTime.parse("2026-03-01T10:00:00.123456"), LOW.cursor().toJdbc());
    }
}
