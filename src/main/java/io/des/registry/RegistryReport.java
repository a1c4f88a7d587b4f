package io.des.registry;

/**
 * Something the job has counted for one ERID and reports to the registry, such as its committed
 * rows. Reports may arrive late, out of order and again after a restore, so recording one must be
 * idempotent and never move a count backwards (the registry's conditional writes see to that).
 */
public interface RegistryReport {

    /** Writes this report to {@code registry}. */
    void recordIn(EridRegistry registry);
}
