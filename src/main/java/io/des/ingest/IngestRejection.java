package io.des.ingest;

/**
 * A request the ingest API refuses, with the HTTP status to answer and the request member at fault
 * (for example {@code contact_list[3].phone}), or {@code null} when the request as a whole is at
 * fault.
 */
public final class IngestRejection extends Exception {

    private final int status;
    private final String field;

    public IngestRejection(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    static IngestRejection badRequest(String field, String message) {
        return new IngestRejection(400, field, message);
    }

    public int status() {
        return status;
    }

    /** The offending member's path in the request body, or {@code null}. */
    public String field() {
        return field;
    }
}
