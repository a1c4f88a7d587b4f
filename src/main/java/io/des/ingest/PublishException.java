package io.des.ingest;

/**
 * Records could not be stored by a {@link RecordPublisher}. Unless it is a
 * {@link RecordTooLargeException}, the failure is transient from the client's point of view:
 * resending the same request is safe and may succeed.
 */
public class PublishException extends Exception {

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
