package io.des.ingest.broker;

import java.util.Objects;

/**
 * One message for the {@link EmbeddedBroker}: the key only chooses the partition (messages with
 * equal keys stay in order), the payload is what readers get.
 */
public record Message(String key, byte[] payload) {

    public Message {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }
}
