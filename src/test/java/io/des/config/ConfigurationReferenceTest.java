package io.des.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {

    @Test
    void docsConfigurationIsGeneratedFromTheCatalogue() throws Exception {
        String committed = Files.readString(Path.of("docs/configuration.md"), StandardCharsets.UTF_8);
        assertEquals(ConfigurationReference.markdown(), committed,
                "docs/configuration.md differs from the catalogue (io.des.config); regenerate it with: mvn -o -q compile && "
                        + ConfigurationReference.COMMAND);
    }
}
