package io.des.pipeline.config;

import java.util.ArrayList;
import java.util.List;

/** Every problem found in one pipeline file, each as {@code path: what is wrong}, in the order found. */
final class Problems {

    private final List<String> found = new ArrayList<>();

    void add(String path, String message) {
        found.add(path.isEmpty() ? message : path + ": " + message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<String> list() {
        return List.copyOf(found);
    }
}
