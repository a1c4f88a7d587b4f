package io.des.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSecretsTest {

    private final EnvSecrets secrets = new EnvSecrets(Map.of("ENV_PASSWORD", "p@ss", "USER", "ada", "HOST", "db")::get);

    @Test
    void theDesignsWholeValueNotationIsTheVariableOfThatName() {
        assertEquals("p@ss", secrets.resolve("ENV_PASSWORD"));
        assertEquals("xENV_PASSWORD", secrets.resolve("xENV_PASSWORD"), "only a whole value is a variable");
    }

    @Test
    void placeholdersAreFilledAnywhere() {
        assertEquals("jdbc:mariadb://db:3306/x?user=ada", secrets.resolve("jdbc:mariadb://${HOST}:3306/x?user=${USER}"));
        assertEquals("no variables", secrets.resolve("no variables"));
    }

    @Test
    void aMissingOrMalformedVariableIsNamed() {
        assertEquals("environment variable ENV_OTHER is not set",
                assertThrows(IllegalArgumentException.class, () -> secrets.resolve("ENV_OTHER")).getMessage());
        assertEquals("environment variable NOPE is not set",
                assertThrows(IllegalArgumentException.class, () -> secrets.resolve("a${NOPE}b")).getMessage());
        assertEquals("'${' without a closing '}'",
                assertThrows(IllegalArgumentException.class, () -> secrets.resolve("a${USER")).getMessage());
        assertEquals("'${1x}' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)",
                assertThrows(IllegalArgumentException.class, () -> secrets.resolve("${1x}")).getMessage());
    }
}
