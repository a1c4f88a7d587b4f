package io.des.cli;

/**
 * A file of contacts cannot be submitted; the message names the file and, when one is at fault,
 * the line: {@code contacts.csv:17: 3 columns, header has 4}.
 */
final class InputFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InputFileException(String file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
