package io.des.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The key of a group nearest to a mistyped one ({@link NearestName}), for "did you mean …?". */
final class NearestKey {

    private NearestKey() {}

    /**
     * The setting of {@code group} nearest to {@code unknown}, written as {@code unknown}'s instance
     * of it (so {@code provider.acme.endpont} suggests {@code provider.acme.endpoint}); empty when
     * none is near enough to be a likely typo (a third of the key's length, at least 2 edits).
     */
    static Optional<String> to(String unknown, SettingGroup group) {
        List<String> candidates = new ArrayList<>();
        group.settings().forEach(setting -> candidates.addAll(candidates(setting, unknown)));
        return NearestName.among(unknown, candidates);
    }

    /** The key itself, or for a key with placeholders, filled with {@code unknown}'s segments at their places. */
    private static List<String> candidates(Setting<?> setting, String unknown) {
        if (!setting.isTemplate()) {
            return List.of(setting.key());
        }
        String[] declared = setting.key().split("\\.");
        String[] given = unknown.split("\\.");
        List<String> filled = new ArrayList<>();
        for (int i = 0; i < declared.length; i++) {
            boolean placeholder = declared[i].startsWith("<");
            if (placeholder && i >= given.length) {
                return List.of();
            }
            filled.add(placeholder ? given[i] : declared[i]);
        }
        return List.of(String.join(".", filled));
    }
}
