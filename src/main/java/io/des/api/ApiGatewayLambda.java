package io.des.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.des.ingest.IngestHandler;
import io.des.model.ApiError;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The DES API as an AWS Lambda function behind an API Gateway HTTP API (payload format 2.0),
 * answering through the same {@link ApiRouter} as the HTTP server. Handler string:
 * {@code io.des.api.ApiGatewayLambda::handleRequest}; configuration: {@link ApiConfig}'s
 * environment variables ({@code DES_API_PORT} is unused).
 *
 * <p>Translation: method, raw path (decoded), {@code rawQueryString} (kept encoded), headers
 * (API Gateway lower-cases names and joins repeated values with commas), body (base64-decoded when
 * {@code isBase64Encoded}). The request id is the client's {@code X-Request-Id} when sane, else API
 * Gateway's {@code requestContext.requestId}. GET answers from {@link #GZIP_MIN_BYTES} are gzipped
 * for clients that accept it and returned base64-encoded: an HTTP API does not compress, and a
 * Lambda answer is capped at 6 MB.
 */
public final class ApiGatewayLambda implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final int GZIP_MIN_BYTES = ServerLimits.defaults().gzipMinBytes();
    /** API Gateway refuses larger payloads itself; this bound holds for direct invocations too. */
    private static final int MAX_BODY_BYTES = ServerLimits.defaults().maxBodyBytes();

    private final ApiHandler router;

    /** For AWS Lambda: built once per execution environment from the environment variables. */
    public ApiGatewayLambda() {
        this(AwsRouter.INSTANCE);
    }

    ApiGatewayLambda(ApiHandler router) {
        this.router = router;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        APIGatewayV2HTTPEvent.RequestContext requestContext = event.getRequestContext();
        String requestId = RequestIds.choose(header(headers, RequestIds.HEADER),
                requestContext == null ? null : requestContext.getRequestId());
        ApiResponse answer;
        try {
            byte[] body = body(event);
            answer = body.length > MAX_BODY_BYTES
                    ? IngestHandler.bodyTooLarge(MAX_BODY_BYTES).toResponse()
                    : router.handle(new ApiRequest(method(requestContext), path(event.getRawPath()),
                            emptyToNull(event.getRawQueryString()), headers, body, requestId, null));
        } catch (IllegalArgumentException e) { // malformed base64 body or path encoding
            answer = ApiError.of(ErrorCode.BAD_REQUEST, "the request's path or body encoding is not valid").toResponse();
        }
        return response(answer, requestId, acceptsGzip(headers) && "GET".equals(method(requestContext)));
    }

    private static APIGatewayV2HTTPResponse response(ApiResponse answer, String requestId, boolean mayGzip) {
        Map<String, String> headers = AnswerHeaders.of(answer, requestId);
        APIGatewayV2HTTPResponse.APIGatewayV2HTTPResponseBuilder response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(answer.status());
        if (mayGzip && answer.body().length >= GZIP_MIN_BYTES) {
            headers.put("Content-Encoding", "gzip");
            headers.put("Vary", "Accept-Encoding");
            response.withBody(Base64.getEncoder().encodeToString(gzip(answer.body()))).withIsBase64Encoded(true);
        } else {
            response.withBody(new String(answer.body(), StandardCharsets.UTF_8)).withIsBase64Encoded(false);
        }
        return response.withHeaders(headers).build();
    }

    private static String method(APIGatewayV2HTTPEvent.RequestContext context) {
        return context == null || context.getHttp() == null || context.getHttp().getMethod() == null
                ? "GET" : context.getHttp().getMethod().toUpperCase(Locale.ROOT);
    }

    private static String path(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : URI.create(rawPath).getPath();
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean acceptsGzip(Map<String, String> headers) {
        String accepted = header(headers, "Accept-Encoding");
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /** API Gateway sends lower-cased names; direct invocations may not. */
    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return out.toByteArray();
    }

    /** The AWS parts, created on first use and kept for the life of the execution environment. */
    private static final class AwsRouter {
        static final ApiHandler INSTANCE = AwsApi.from(ApiConfig.from(System.getenv())).router();
    }
}
