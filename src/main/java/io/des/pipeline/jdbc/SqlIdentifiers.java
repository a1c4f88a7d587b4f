package io.des.pipeline.jdbc;

import java.util.regex.Pattern;

/**
 * The one rule for names that become SQL text (tables, columns): letters, digits and underscores,
 * starting with a letter or underscore, at most 64 characters (MySQL's limit), and a table may be
 * qualified by one schema. Anything else is refused when the pipeline file is read, and every
 * accepted name is still quoted by the dialect, so no value from a file can change a statement.
 */
public final class SqlIdentifiers {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private SqlIdentifiers() {}

    public static boolean isName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /** A table name, optionally {@code schema.table}. */
    public static boolean isTable(String text) {
        if (text == null) {
            return false;
        }
        String[] parts = text.split("\\.", -1);
        return parts.length <= 2 && isName(parts[0]) && (parts.length == 1 || isName(parts[1]));
    }

    public static final String RULE = "letters, digits and _ (starting with a letter or _), at most 64";
}
