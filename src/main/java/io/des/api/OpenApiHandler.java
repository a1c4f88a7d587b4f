package io.des.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: {@code docs/openapi.yaml} (packaged beside this class) as JSON, read
 * and converted once at start, so a broken document stops the service rather than a reader.
 */
public final class OpenApiHandler implements ApiHandler {

    public static final String PATH = "/openapi.json";
    static final String RESOURCE = "openapi.yaml";

    private final ApiResponse answer;

    public OpenApiHandler() {
        this.answer = ApiResponse.json(200, document());
    }

    /** The OpenAPI document as a JSON tree. */
    public static JsonNode document() {
        try (InputStream yaml = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath beside " + OpenApiHandler.class.getName());
            }
            return new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        return answer;
    }

}
