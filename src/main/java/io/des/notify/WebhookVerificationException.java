package io.des.notify;

/**
 * A webhook failed verification: a header is missing or malformed, its timestamp is outside the
 * tolerance, or no signature matches. The receiver should answer 4xx and not act on the body.
 */
public final class WebhookVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public WebhookVerificationException(String message) {
        super(message);
    }
}
