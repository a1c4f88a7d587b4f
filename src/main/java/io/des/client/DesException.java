package io.des.client;

/**
 * A call of {@link DesClient} failed: DES refused it ({@link DesApiException}), or it could not be
 * reached even after the resends {@link ResendPolicy} allows.
 */
public class DesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DesException(String message) {
        super(message);
    }

    public DesException(String message, Throwable cause) {
        super(message, cause);
    }
}
