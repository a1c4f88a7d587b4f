package io.des.registry;

/**
 * The registry's store could not be reached or failed (SQLite I/O, a DynamoDB error or
 * throttling). Retryable: every registry call is idempotent, so the caller may repeat it; the API
 * answers {@code 503 storage_unavailable}. Conditional writes that lose a race are not failures and
 * never throw this.
 */
public class RegistryStoreException extends RuntimeException {

    public RegistryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
