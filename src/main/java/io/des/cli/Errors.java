package io.des.cli;

import io.des.client.DesApiException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** An error as the one line {@code des} prints: what is at fault, never a stack trace. */
final class Errors {

    private Errors() {}

    static String oneLine(Throwable error) {
        Throwable e = error instanceof UncheckedIOException && error.getCause() != null ? error.getCause() : error;
        String text;
        if (e instanceof DesApiException api) {
            text = api.getMessage() + (api.status() >= 500 && api.requestId() != null ? " [request " + api.requestId() + "]" : "");
        } else if (e instanceof NoSuchFileException missing) {
            text = missing.getFile() + ": no such file";
        } else if (e.getMessage() == null) {
            text = e.getClass().getSimpleName();
        } else {
            text = e.getMessage();
        }
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
