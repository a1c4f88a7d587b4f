package io.des.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.model.FieldCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field counts as the stores keep them, before and after calls per provider were counted. */
class RegistryJsonTest {

    @Test
    void countsStoredBeforeCallsWereCountedReadWithoutCalls() {
        Map<String, FieldCounts> read = RegistryJson.fieldCounts(
                "{\"professional_email\":{\"found\":3,\"not_found\":0,\"failed\":1,\"of\":4}}");

        assertEquals(Map.of("professional_email", new FieldCounts(3, 0, 1, 4)), read);
        assertEquals(Map.of(), read.get("professional_email").calls());
    }

    @Test
    void callsPerProviderAreKeptAndLeftOutWhenThereAreNone() {
        Map<String, FieldCounts> counts = Map.of(
                "job_title", new FieldCounts(1, 0, 0, 1),
                "professional_email", new FieldCounts(3, 0, 1, 4, Map.of("bolt", 2L, "acme", 4L)));

        String json = RegistryJson.fieldCounts(counts);

        assertEquals("{\"job_title\":{\"found\":1,\"not_found\":0,\"failed\":0,\"of\":1},"
                + "\"professional_email\":{\"found\":3,\"not_found\":0,\"failed\":1,\"of\":4,"
                + "\"calls\":{\"acme\":4,\"bolt\":2}}}", json);
        assertEquals(counts, RegistryJson.fieldCounts(json));
    }
}
