package io.des.api;

import io.des.ingest.IngestHandler;
import io.des.model.ApiError;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates between Jetty and the server-independent router: chooses the request id, reads the
 * body without a worker ({@link BodyReader}), refuses connections past the cap, then runs the
 * router on the bounded worker pool and writes its answer. Past the pool's queue, or after waiting
 * in it too long, a request is answered {@code 503 overloaded}: never left hanging.
 */
final class EdgeHandler extends Handler.Abstract {

    /** Request attribute holding the chosen request id, for the error handler's answers. */
    static final String REQUEST_ID = "io.des.api.requestId";

    private static final Logger LOG = LoggerFactory.getLogger(EdgeHandler.class);

    private final ApiHandler router;
    private final ServerLimits limits;
    private final ConnectionCap cap;
    private final ExecutorService workers;
    private final BodyBudget budget;

    EdgeHandler(ApiHandler router, ServerLimits limits, ConnectionCap cap, ExecutorService workers) {
        this.router = router;
        this.limits = limits;
        this.cap = cap;
        this.workers = workers;
        this.budget = new BodyBudget(limits.maxBufferedBodyBytes());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = RequestIds.choose(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(REQUEST_ID, requestId);
        boolean overCap = cap.isOverCap(request.getConnectionMetaData().getConnection());
        BodyReader.read(request, limits.maxBodyBytes(), limits.maxDrainBytes(), budget, outcome -> {
            if (outcome instanceof BodyReader.Complete complete) {
                if (overCap) {
                    budget.giveBack(complete.body().length);
                    answer(response, callback, JsonErrorHandler.overloaded("too many connections; retry later"), requestId);
                } else {
                    dispatch(request, response, callback, complete.body(), requestId);
                }
            } else if (outcome instanceof BodyReader.OverBudget) {
                answer(response, callback, JsonErrorHandler.overloaded("too many request bodies in progress; retry later"), requestId);
            } else if (outcome instanceof BodyReader.TooLarge) {
                answer(response, callback, IngestHandler.bodyTooLarge(limits.maxBodyBytes()), requestId);
            } else if (outcome instanceof BodyReader.Stalled) {
                answer(response, callback, ApiError.of(ErrorCode.REQUEST_TIMEOUT,
                        "the request body stalled for longer than " + limits.bodyIdleTimeout().toMillis() + " ms"), requestId);
            } else if (outcome instanceof BodyReader.Failed failed) {
                callback.failed(failed.cause()); // Jetty answers through JsonErrorHandler, or closes
            }
        });
        return true;
    }

    private void dispatch(Request request, Response response, Callback callback, byte[] body, String requestId) {
        // The body is in. Jetty's idle timeout fails only a pending read or write, so a handler that
        // works longer than bodyIdleTimeout still answers (tested); its own bounds apply instead.
        long queuedAt = System.nanoTime();
        try {
            workers.execute(() -> {
                if (System.nanoTime() - queuedAt > limits.maxQueueWait().toNanos()) {
                    budget.giveBack(body.length);
                    answer(response, callback, JsonErrorHandler.overloaded("no worker was free in time; retry later"), requestId);
                    return;
                }
                ApiResponse answer;
                try {
                    answer = router.handle(apiRequest(request, body, requestId));
                } catch (RuntimeException | Error e) {
                    LOG.error("Router failed on request {}", requestId, e);
                    answer = JsonErrorHandler.refusal(500).toResponse();
                } finally {
                    budget.giveBack(body.length); // the handler is done with the body
                }
                JettyAnswers.write(response, callback, answer, requestId, false);
            });
        } catch (RejectedExecutionException e) {
            budget.giveBack(body.length);
            answer(response, callback, JsonErrorHandler.overloaded("too many requests in progress; retry later"), requestId);
        }
    }

    /** A refusal by the edge itself; the connection is closed after it, its state being unknown. */
    private static void answer(Response response, Callback callback, ApiError error, String requestId) {
        JettyAnswers.write(response, callback, error.toResponse(), requestId, true);
    }

    private static ApiRequest apiRequest(Request request, byte[] body, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.merge(field.getLowerCaseName(), field.getValue(), (first, next) -> first + ", " + next);
        }
        return new ApiRequest(request.getMethod(), Request.getPathInContext(request), request.getHttpURI().getQuery(),
                headers, body, requestId, null);
    }
}
