package io.des.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code docs/configuration.md} from the {@link Catalogue}, so the reference cannot drift
 * from the keys the code reads ({@code ConfigurationReferenceTest} fails when the file differs).
 *
 * <pre>java -cp target/classes io.des.config.ConfigurationReference docs/configuration.md</pre>
 */
public final class ConfigurationReference {

    /** The command that regenerates the file, from the repository's root after {@code mvn compile}. */
    public static final String COMMAND = "java -cp target/classes io.des.config.ConfigurationReference docs/configuration.md";

    private ConfigurationReference() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ConfigurationReference OUTPUT.md");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
    }

    /** The whole reference. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n")
                .append("<!-- Generated from io.des.config.Catalogue; do not edit. Regenerate with:\n     ")
                .append(COMMAND).append(" -->\n\n")
                .append("Every key DES reads, declared once in `io.des.config` (type, default, unit, bounds). At start\n")
                .append("each group is checked whole: every problem is reported at once, naming its group and key, and\n")
                .append("an unknown key is refused with the nearest known one (`did you mean …?`). A key written\n")
                .append("`<p>` or `<field>` stands for every provider name or enrichable field.\n");
        for (SettingGroup group : Catalogue.groups()) {
            out.append("\n## ").append(group.name()).append("\n\n").append(group.summary()).append('\n');
            if (!group.passThrough().isEmpty()) {
                out.append(group.kind() == SettingGroup.Kind.ENVIRONMENT ? "Also read by other DES programs: " : "Passed on unchecked: ")
                        .append(String.join(", ", group.passThrough().stream().map(p -> "`" + p + (p.endsWith(".") ? "*" : "") + "`").toList()))
                        .append(".\n");
            }
            out.append("\n| key | type | default | unit | bounds | meaning |\n| --- | --- | --- | --- | --- | --- |\n");
            for (Setting<?> setting : group.settings()) {
                out.append("| `").append(setting.key()).append("` | ").append(cell(setting.type().name()))
                        .append(" | ").append(code(setting.defaultText()))
                        .append(" | ").append(cell(setting.unit()))
                        .append(" | ").append(cell(setting.boundsText()))
                        .append(" | ").append(cell(setting.description())).append(" |\n");
            }
        }
        return out.toString();
    }

    /** A default that is a value shows as code; one that is a phrase ("required", "no limit") as text. */
    private static String code(String defaultText) {
        boolean phrase = defaultText.contains(" ") && !defaultText.startsWith("{") || defaultText.equals("required");
        return phrase ? cell(defaultText) : "`" + defaultText.replace("|", "\\|") + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
