package io.des.enrich;

import io.des.config.EnrichKeys;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link HttpJsonProvider} sends many contacts in one call and matches the answers back.
 *
 * @param size most contacts per call (at least 1)
 * @param maxWait how long a partial batch waits for more contacts after its first one, before it is sent
 * @param requestTemplate the body, its {@code ${contacts}} being the per-contact requests
 * @param itemsPointer JSON pointer of the array of per-contact answers in the response
 * @param match {@link #BY_INDEX} (answers in the order sent) or a JSON pointer, inside each answer,
 *     of the {@code ${lookup_id}} the contact was sent with
 */
public record BulkMode(int size, Duration maxWait, BulkRequestTemplate requestTemplate, String itemsPointer,
        String match) implements Serializable {

    /** Answers come back in the order the contacts were sent. */
    public static final String BY_INDEX = "index";
    /** Default of {@code bulk.request-template}: the DES bulk protocol, as the sandbox's bulk endpoint speaks it. */
    public static final String DES_BULK_PROTOCOL = "{\"contacts\": ${contacts}}";
    /** Default of {@code bulk.response.items}. */
    public static final String DES_BULK_ITEMS = "/results";
    /** Default of {@code bulk.response.match}. */
    public static final String DES_BULK_MATCH = "/lookup_id";
    /** Default of {@code bulk.max-wait-ms}. */
    public static final long DEFAULT_MAX_WAIT_MS = EnrichKeys.BULK_MAX_WAIT_MS.defaultValue().orElseThrow();

    /** @throws IllegalArgumentException naming the invalid setting */
    public BulkMode {
        Objects.requireNonNull(requestTemplate, "requestTemplate");
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        if (!itemsPointer.startsWith("/")) {
            throw new IllegalArgumentException("items must be a JSON pointer starting with '/', was '" + itemsPointer + "'");
        }
        if (!match.equals(BY_INDEX) && !match.startsWith("/")) {
            throw new IllegalArgumentException("match must be 'index' or a JSON pointer starting with '/', was '"
                    + match + "'");
        }
    }

    /** Whether answers are matched by their position rather than by an echoed id. */
    public boolean matchesByIndex() {
        return match.equals(BY_INDEX);
    }
}
