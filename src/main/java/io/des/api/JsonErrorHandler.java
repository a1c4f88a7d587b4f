package io.des.api;

import io.des.model.ApiError;
import io.des.model.ErrorCode;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (malformed HTTP, headers too large, shutting down, a failed request) as
 * {@link ApiError}s, so they read like every other error answer, with a request id. Jetty's
 * reason text is not shown: it can name internals.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** Seconds a client waits before retrying an {@code overloaded} answer. */
    static final String RETRY_AFTER_SECONDS = "1";

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object status = request.getAttribute(ERROR_STATUS);
        ApiError error = refusal(status instanceof Integer code ? code : response.getStatus());
        Object requestId = request.getAttribute(EdgeHandler.REQUEST_ID);
        JettyAnswers.write(response, callback, error.toResponse(),
                requestId instanceof String id ? id : RequestIds.choose(request.getHeaders().get(RequestIds.HEADER)), false);
        return true;
    }

    /** The error for an HTTP status the server itself chose. */
    static ApiError refusal(int status) {
        return switch (status) {
            case 408 -> ApiError.of(ErrorCode.REQUEST_TIMEOUT, "the request did not arrive in time");
            case 413 -> ApiError.of(ErrorCode.BODY_TOO_LARGE, "request body is too large");
            case 414, 431 -> ApiError.of(ErrorCode.HEADERS_TOO_LARGE, "request line or headers are too large");
            case 415 -> ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "unsupported content type; use application/json");
            case 503 -> overloaded("the server is busy or shutting down; retry later");
            default -> status >= 400 && status < 500
                    ? ApiError.of(ErrorCode.BAD_REQUEST, "the request is not valid HTTP")
                    : ApiError.of(ErrorCode.INTERNAL_ERROR, "internal error; quote the X-Request-Id of this answer when reporting it");
        };
    }

    static ApiError overloaded(String message) {
        return ApiError.of(ErrorCode.OVERLOADED, message).withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
}
