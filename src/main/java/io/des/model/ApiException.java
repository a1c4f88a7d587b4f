package io.des.model;

/**
 * An {@link ApiError} thrown from deep inside a handler's parsing or checks, where returning a
 * value would thread through every call; the edge (or the handler) answers {@code error().toResponse()}.
 */
public final class ApiException extends RuntimeException {

    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
