package io.des.serve;

/** A request parameter is missing or invalid; answered with 400 naming the parameter. */
public class BadParameterException extends RuntimeException {

    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The query parameter at fault, as the client spelled it (e.g. {@code start_date}). */
    public String parameter() {
        return parameter;
    }
}
