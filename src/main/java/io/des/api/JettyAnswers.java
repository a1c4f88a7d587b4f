package io.des.api;

import io.des.model.ApiResponse;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes an {@link ApiResponse} on Jetty: the edge's answers and the server's own refusals alike. */
final class JettyAnswers {

    private JettyAnswers() {}

    /**
     * @param close ask Jetty to close the connection after the answer (the request's body was not
     *     read whole, or the connection is past the cap)
     */
    static void write(Response response, Callback callback, ApiResponse answer, String requestId, boolean close) {
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        AnswerHeaders.of(answer, requestId).forEach(headers::put);
        if (close) {
            headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
