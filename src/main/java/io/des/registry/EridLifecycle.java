package io.des.registry;

import java.util.Locale;

/**
 * Where an ERID stands, with every allowed transition in {@link #canMoveTo}:
 *
 * <pre>
 * (first POST) ──► RECEIVING ──all records committed and published──► COMPLETED
 *                      └────────no new record for the expiry window────► EXPIRED
 * </pre>
 *
 * COMPLETED and EXPIRED are final. API answers, history and webhooks derive from this value only.
 */
public enum EridLifecycle {
    RECEIVING,
    COMPLETED,
    EXPIRED;

    /** Whether the registry may move an ERID from this state to {@code next}. */
    public boolean canMoveTo(EridLifecycle next) {
        return this == RECEIVING && (next == COMPLETED || next == EXPIRED);
    }

    /** The {@code status} the API answers: {@code incomplete}, {@code completed}, {@code expired}. */
    public String wireName() {
        return this == RECEIVING ? "incomplete" : name().toLowerCase(Locale.ROOT);
    }
}
