package io.des.pipeline.run;

/** A run that failed; the message says in which phase and why, without secrets. The run resumes there next time. */
public final class PipelineRunException extends Exception {

    public PipelineRunException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The deepest cause's message: what went wrong, rather than which layer reported it. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String top = failure.getMessage();
        return root == failure || top == null || top.contains(message) ? (top == null ? message : top) : top + ": " + message;
    }
}
