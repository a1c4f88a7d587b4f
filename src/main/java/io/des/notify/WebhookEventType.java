package io.des.notify;

import io.des.registry.EridLifecycle;
import java.util.Optional;

/** The events DES sends, one per final state of an ERID's lifecycle. */
public enum WebhookEventType {
    COMPLETED("enrichment_request.completed"),
    EXPIRED("enrichment_request.expired");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The event's {@code type}, e.g. {@code enrichment_request.completed}. */
    public String wireName() {
        return wireName;
    }

    /** The event an ERID that reached {@code lifecycle} produces; none while it is still RECEIVING. */
    public static Optional<WebhookEventType> of(EridLifecycle lifecycle) {
        return switch (lifecycle) {
            case RECEIVING -> Optional.empty();
            case COMPLETED -> Optional.of(COMPLETED);
            case EXPIRED -> Optional.of(EXPIRED);
        };
    }
}
