package io.des.model;

/**
 * One endpoint's logic: takes a request value, returns a response value, and knows nothing of the
 * server. Errors are answered as {@link ApiError#toResponse()}; an unexpected exception is turned
 * into a 500 by the edge.
 */
@FunctionalInterface
public interface ApiHandler {

    ApiResponse handle(ApiRequest request);
}
