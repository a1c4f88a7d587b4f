package io.des.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem found in a configuration, so that one start reports them all instead of one per
 * attempt; each names its group and key ({@code DesSink.root.uri …}, {@code DES_API_PORT …}).
 */
public final class ConfigProblems {

    private final List<String> problems = new ArrayList<>();

    /** Records a problem of {@code key} in {@code group}: {@code why} reads after the key. */
    public void add(SettingGroup group, String key, String why) {
        problems.add(group.named(key) + " " + why);
    }

    /** Records a problem that no single key owns (it should still name the keys involved). */
    public void add(String problem) {
        problems.add(problem);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> all() {
        return List.copyOf(problems);
    }

    /**
     * @param what what was being read, e.g. "DES configuration"
     * @throws IllegalArgumentException listing every problem, one a line
     */
    public void throwIfAny(String what) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid " + what + ":\n  - " + String.join("\n  - ", problems));
        }
    }
}
