package io.des.serve;

/** Where an ERID stands from the consumer's point of view; the wire names are the API's. */
public enum EridState {
    /** Nothing stored for the ERID in the date range: not received yet, or never requested. */
    INEXISTENT("inexistent"),
    /** Some or none of the ERID's records are committed, but it is not published yet. */
    INCOMPLETE("incomplete"),
    /** The ERID is published: every record is readable, exactly once. */
    COMPLETED("completed"),
    /** No new record arrived for the ERID's expiry window: its partial data is removed, it has no rows. */
    EXPIRED("expired");

    private final String wireName;

    EridState(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the response's {@code status} field. */
    public String wireName() {
        return wireName;
    }
}
