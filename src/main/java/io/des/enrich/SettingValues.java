package io.des.enrich;

import java.util.Properties;

/** Reading {@code DesEnrich} values, with one wording for every problem so they all read alike. */
final class SettingValues {

    private SettingValues() {}

    /** The key's value as a whole number of at least 1, or {@code defaultValue} when it is absent. */
    static long positiveLong(Properties p, String key, long defaultValue) {
        return wholeNumberAtLeast(p, key, defaultValue, 1);
    }

    /** The key's value as a whole number of at least {@code min}, or {@code defaultValue} when it is absent. */
    static long wholeNumberAtLeast(Properties p, String key, long defaultValue, long min) {
        String raw = p.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a whole number, was '" + raw + "'");
        }
        if (value < min) {
            throw invalid(key, "must be at least " + min + ", was " + value);
        }
        return value;
    }

    static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException("Invalid enrichment setting '" + key + "': " + problem);
    }
}
