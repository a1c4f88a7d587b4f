package io.des.client;

/**
 * DES answered with an error: the HTTP status and the body's {@code code} (stable, for programs),
 * {@code error} (for people) and, when one input or limit is at fault, {@code field}, {@code
 * parameter} or {@code limit}. Branch on {@link #code()}, never on the message.
 */
public final class DesApiException extends DesException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String error;
    private final String field;
    private final String parameter;
    private final String limit;
    private final String requestId;

    /**
     * @param code the answer's {@code code}, or {@code http_<status>} when the body was not DES's error shape
     * @param requestId the answer's {@code X-Request-Id}, the id DES's log lines about it carry; may be null
     */
    public DesApiException(int status, String code, String error, String field, String parameter, String limit,
            String requestId) {
        super(describe(status, code, error, field, parameter, limit));
        this.status = status;
        this.code = code;
        this.error = error;
        this.field = field;
        this.parameter = parameter;
        this.limit = limit;
        this.requestId = requestId;
    }

    private static String describe(int status, String code, String error, String field, String parameter, String limit) {
        StringBuilder text = new StringBuilder().append(status).append(' ').append(code).append(": ").append(error);
        if (field != null) {
            text.append(" (field ").append(field).append(')');
        }
        if (parameter != null) {
            text.append(" (parameter ").append(parameter).append(')');
        }
        if (limit != null) {
            text.append(" (limit ").append(limit).append(')');
        }
        return text.toString();
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String error() {
        return error;
    }

    /** The body member at fault, e.g. {@code contact_list[3].city}; null when none. */
    public String field() {
        return field;
    }

    /** The query parameter at fault; null when none. */
    public String parameter() {
        return parameter;
    }

    /** The tenant limit that refused the call; null when none. */
    public String limit() {
        return limit;
    }

    /** To quote when asking about a {@code 500}: DES's log lines about the call carry it. */
    public String requestId() {
        return requestId;
    }
}
