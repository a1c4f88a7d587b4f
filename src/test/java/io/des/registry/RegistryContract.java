package io.des.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every registry contract test needs: a store to open (the same store on every call within a
 * test, so closing and opening again is a restart), and contracts to register.
 */
abstract class RegistryContract {

    static final String ACME = "acme";
    static final String GLOBEX = "globex";
    /** Nanoseconds on purpose: stores must give instants back exactly as they were given. */
    static final Instant T0 = Instant.parse("2026-11-30T10:00:00.123456789Z");

    EridRegistry registry;

    /** A new registry (its own connection or client) on this test's store. */
    abstract EridRegistry open() throws Exception;

    @BeforeEach
    void openRegistry() throws Exception {
        registry = open();
    }

    @AfterEach
    void closeRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    /** Closes the registry and opens the store again, as a restarted process would. */
    void reopen() throws Exception {
        registry.close();
        registry = null;
        registry = open();
    }

    /** The n-th test ERID, a valid UUID. */
    static String erid(int n) {
        return "00000000-0000-4000-8000-%012d".formatted(n);
    }

    static EridContract contract(String tenant, String erid, long numberOfRecords, Instant createdAt) {
        return new EridContract(tenant, erid, numberOfRecords, List.of("professional_email", "phone_number"),
                LocalDate.ofInstant(createdAt, ZoneOffset.UTC), createdAt, "https://hooks.example.com/des",
                "{\"batch\":7}");
    }

    static EridContract contract(String tenant, String erid) {
        return contract(tenant, erid, 4, T0);
    }
}
