package io.des.registry;

/**
 * A webhook delivery's life, with every allowed transition in {@link #canMoveTo}:
 *
 * <pre>
 * PENDING ──2xx──► DELIVERED
 *    └──timeout / non-2xx──► RETRYING ──2xx──► DELIVERED
 *                               ├──timeout / non-2xx, before the deadline──► RETRYING
 *                               └──past the retry deadline──► GAVE_UP
 * </pre>
 */
public enum DeliveryState {
    PENDING,
    RETRYING,
    DELIVERED,
    GAVE_UP;

    public boolean canMoveTo(DeliveryState next) {
        return switch (this) {
            case PENDING, RETRYING -> next == DELIVERED || next == RETRYING || next == GAVE_UP;
            case DELIVERED, GAVE_UP -> false;
        };
    }

    /** Whether a delivery in this state still has to be attempted. */
    public boolean isOpen() {
        return this == PENDING || this == RETRYING;
    }
}
