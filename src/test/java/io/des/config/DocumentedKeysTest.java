package io.des.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalogue and what the documentation and deployment files name agree, both ways. */
class DocumentedKeysTest {

    private static final Pattern GROUP_KEY = Pattern.compile("`(Des[A-Za-z]+)\\.([A-Za-z0-9.<>_-]+)`");
    private static final Pattern API_VARIABLE = Pattern.compile("\\bDES_[A-Z_]*[A-Z]\\b");
    /** A markdown table row whose first cell is backticked keys, e.g. "| `bulk.size` | …". */
    private static final Pattern KEY_ROW = Pattern.compile("^\\| ((?:`[a-z0-9.<>_-]+`(?:, )?)+) \\| ([^|]*)\\|", Pattern.MULTILINE);
    /** A backticked key in a cell that lists the keys of an authentication type: "`auth.key-env`, …". */
    private static final Pattern AUTH_KEY = Pattern.compile("`(auth\\.[a-z-]+)`");

    @Test
    void everyKeyOfTheManagedFlinkApplicationIsInTheCatalogue() throws IOException {
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("kda"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = new ObjectMapper().readTree(file.toFile());
                for (JsonNode group : root.isArray() ? root : List.<JsonNode>of()) {
                    if (group.has("PropertyGroupId")) {
                        group.get("PropertyMap").fieldNames().forEachRemaining(key ->
                                check(group.get("PropertyGroupId").asText(), key, file + ": ", unknown));
                    }
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void everyKeyOfTheSampleProvidersFilesIsInTheCatalogue() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (String sample : List.of("samples/waterfall.properties", "samples/bulk.properties")) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(sample), StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            for (String key : properties.stringPropertyNames()) {
                // provider.<p>.sandbox.* configure local mode's sandbox, not the job.
                if (!key.matches("provider\\.[^.]+\\.sandbox\\..+")) {
                    check("DesEnrich", key, sample + ": ", unknown);
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void everyGroupKeyAndApiVariableTheDocsNameIsInTheCatalogue() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (String doc : List.of("README.md", "kda/README.md", "docs/architecture.md", "docs/providers.md",
                "docs/tenancy.md", "docs/webhooks.md", "docs/testing.md")) {
            String text = Files.readString(Path.of(doc), StandardCharsets.UTF_8);
            Matcher groupKey = GROUP_KEY.matcher(text);
            while (groupKey.find()) {
                check(groupKey.group(1), groupKey.group(2), doc + ": ", unknown);
            }
            Matcher variable = API_VARIABLE.matcher(text);
            while (variable.find()) {
                check(ApiKeys.API.name(), variable.group(), doc + ": ", unknown);
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void everyKeyInTheProviderReferenceTablesIsInTheCatalogue() throws IOException {
        String text = Files.readString(Path.of("docs/providers.md"), StandardCharsets.UTF_8);
        List<String> unknown = new ArrayList<>();
        Matcher row = KEY_ROW.matcher(text);
        while (row.find()) {
            List<String> keys = new ArrayList<>(List.of(row.group(1).split(", ")));
            // The authentication table's rows are auth.type's values; their keys are in the second column.
            if (keys.stream().allMatch(k -> isAuthType(k.replace("`", "")))) {
                keys.clear();
                Matcher auth = AUTH_KEY.matcher(row.group(2));
                while (auth.find()) {
                    keys.add(auth.group(1));
                }
            }
            for (String cell : keys) {
                String key = cell.replace("`", "").replace("<name>", "<p>");
                // The tables list a provider's keys after provider.<name>., the sandbox's after provider.<name>.sandbox.
                boolean declared = Stream.of(key, "provider.<p>." + key).anyMatch(k -> declared(EnrichKeys.ENRICH, k))
                        || declared(SandboxKeys.SANDBOX, key);
                if (!declared) {
                    unknown.add("docs/providers.md: " + key);
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void everyKeyOfTheCatalogueIsInTheReference() throws IOException {
        String reference = Files.readString(Path.of("docs/configuration.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (SettingGroup group : Catalogue.groups()) {
            if (!reference.contains("## " + group.name() + "\n")) {
                missing.add(group.name());
            }
            for (Setting<?> setting : group.settings()) {
                if (!reference.contains("| `" + setting.key() + "` |")) {
                    missing.add(group.qualified(setting.key()));
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    private static void check(String groupName, String key, String where, List<String> unknown) {
        SettingGroup group = Catalogue.groups().stream().filter(g -> g.name().equals(groupName)).findFirst().orElse(null);
        if (group == null) {
            unknown.add(where + groupName + " is not a group of the catalogue");
        } else if (group.settingOf(key).isEmpty() && !group.passesThrough(key) && !retired(group, key)) {
            unknown.add(where + group.qualified(key));
        }
    }

    private static boolean isAuthType(String value) {
        try {
            EnrichKeys.AUTH_TYPE.type().parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A declared key, or a key with placeholders spelled as declared. */
    private static boolean declared(SettingGroup group, String key) {
        return group.settingOf(key).isPresent() || group.settings().stream().anyMatch(s -> s.key().equals(key));
    }

    /** Keys the docs name as replaced, which the job refuses with their replacement. */
    private static boolean retired(SettingGroup group, String key) {
        return key.endsWith("-retention-hours") && (group == JobKeys.SINK || group == JobKeys.JOB);
    }
}
