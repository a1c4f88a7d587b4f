package io.des.serve;

/** A query engine could not answer (storage or engine failure); the caller cannot fix it. */
public class QueryEngineException extends RuntimeException {

    public QueryEngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public QueryEngineException(String message) {
        super(message);
    }
}
