package io.des.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client runs with nothing but DES's classes and Jackson on the class path: no Flink, no AWS
 * SDK, no Hadoop. A class loader holding only those submits, polls and reads a status.
 */
class DesClientClasspathTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    @Test
    void submitsAndReadsAStatusWithOnlyDesClassesAndJacksonOnTheClassPath() throws Exception {
        URL[] classPath = {location(DesClient.class), location(ObjectMapper.class), location(JsonFactory.class),
                location(JsonProperty.class)};
        try (FakeDes des = new FakeDes(request -> request.method().equals("POST")
                        ? FakeDes.Answer.json(202, Map.of("erid", ERID, "accepted_records", 1, "status_url", "/v2/enriched_data?erid=" + ERID))
                        : FakeDes.entry("completed", 1, 1));
                URLClassLoader bare = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> bare.loadClass("org.apache.flink.api.common.JobID"));
            Class<?> clientClass = bare.loadClass(DesClient.class.getName());
            Object builder = clientClass.getMethod("builder").invoke(null);
            builder.getClass().getMethod("url", String.class).invoke(builder, des.url());
            Object client = builder.getClass().getMethod("build").invoke(builder);
            Class<?> options = bare.loadClass(SubmitOptions.class.getName());
            clientClass.getMethod("submit", String.class, List.class, List.class, options)
                    .invoke(client, ERID, List.of(Map.of("first_name", "Ada")), List.of("job_title"), options.getMethod("defaults").invoke(null));
            Object status = clientClass.getMethod("await", String.class, bare.loadClass(AwaitPolicy.class.getName()))
                    .invoke(client, ERID, bare.loadClass(AwaitPolicy.class.getName()).getMethod("defaults").invoke(null));

            assertEquals("COMPLETED", status.getClass().getMethod("state").invoke(status).toString());
            assertEquals(bare, status.getClass().getClassLoader(), "loaded apart from the test's class path");
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
