package io.des.model;

import java.util.Locale;

/**
 * Every machine-readable {@code code} an API error can carry, with the HTTP status it goes with.
 * Clients branch on the code, never on the message; a code once published keeps its meaning.
 * README and {@code docs/openapi.yaml} list the same set.
 */
public enum ErrorCode {
    /**
     * The request is not valid HTTP (request line, header, URI or framing), refused by the server
     * before any endpoint saw it.
     */
    BAD_REQUEST(400),
    /** The body is not a JSON object (syntax, type, empty). */
    INVALID_JSON(400),
    /** A body member is missing, of the wrong type, out of range or unknown; {@code field} names it. */
    INVALID_FIELD(400),
    /** A query parameter is missing, malformed or out of range; {@code parameter} names it. */
    INVALID_PARAMETER(400),
    /** No API key, or one that matches no active key of any tenant. */
    UNAUTHORIZED(401),
    /** No endpoint at this path. */
    NOT_FOUND(404),
    /** The endpoint exists, but not for this method; {@code Allow} lists the methods it takes. */
    METHOD_NOT_ALLOWED(405),
    /** The body stopped arriving for longer than the body-idle timeout. */
    REQUEST_TIMEOUT(408),
    /** A POST contradicts what its ERID's first POST fixed (total, fields, callback URL, metadata). */
    ERID_CONFLICT(409),
    /** The ERID expired (no record for its expiry window); send the contacts again under a new erid. */
    ERID_EXPIRED(409),
    /** The body is larger than the server accepts; split the contact list using {@code offset}. */
    BODY_TOO_LARGE(413),
    /** More contacts in one POST than allowed; split using {@code offset}. */
    TOO_MANY_CONTACTS(413),
    /** One contact is too large to be stored as one record. */
    RECORD_TOO_LARGE(413),
    /** {@code number_of_records} is above the tenant's {@code max_number_of_records}. */
    NUMBER_OF_RECORDS_LIMIT(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The tenant sent more requests per second than its {@code requests_per_second}. */
    RATE_LIMITED(429),
    /** Accepting the contacts would take the tenant past its {@code records_per_day} (UTC day). */
    RECORDS_PER_DAY_LIMIT(429),
    /** A new ERID would take the tenant past its {@code erids_in_progress}. */
    ERIDS_IN_PROGRESS_LIMIT(429),
    /** The request line or headers are larger than the server accepts. */
    HEADERS_TOO_LARGE(431),
    /** An unexpected failure; the log lines carrying the answer's {@code X-Request-Id} say what. */
    INTERNAL_ERROR(500),
    /** The records could not be stored right now; resending the same request is safe. */
    STORAGE_UNAVAILABLE(503),
    /** The server is at its connection or worker limit; retry after {@code Retry-After} seconds. */
    OVERLOADED(503),
    /** The service is not ready (the job is not running). */
    NOT_READY(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The value of the error body's {@code code} member, e.g. {@code records_per_day_limit}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
