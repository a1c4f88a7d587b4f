package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.model.ApiRequest;
import io.des.model.ErrorCode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml stays true to the code's catalogues. */
class OpenApiDocumentTest {

    private final JsonNode document = OpenApiHandler.document();

    @Test
    void theDocumentedErrorCodesAreExactlyTheCodesTheApiAnswers() {
        Set<String> documented = texts(document.at("/components/schemas/Error/properties/code/enum"));
        Set<String> answered = Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(answered, documented);
    }

    @Test
    void theServedDocumentIsTheYamlAsJson() throws Exception {
        byte[] served = new OpenApiHandler().handle(new ApiRequest("GET", OpenApiHandler.PATH, null, Map.of(), null, "r", null)).body();
        assertEquals(document, new com.fasterxml.jackson.databind.ObjectMapper().readTree(served));
        assertEquals("3.1.0", document.path("openapi").asText());
    }

    private static Set<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
