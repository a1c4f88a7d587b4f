package io.des.pipeline.config;

import java.util.List;

/**
 * A pipeline file that cannot run, with every problem found in it: the whole file is checked
 * before anything is reported, so one round of fixes is enough.
 */
public final class PipelineFileException extends Exception {

    private final String file;
    private final List<String> problems;

    public PipelineFileException(String file, List<String> problems) {
        super(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The file's name as the user gave it. */
    public String file() {
        return file;
    }

    /** Each problem as {@code path.in.file: what is wrong}, e.g. {@code dataSource.extraOptions.port: expected an integer}. */
    public List<String> problems() {
        return problems;
    }
}
