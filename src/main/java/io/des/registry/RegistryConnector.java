package io.des.registry;

import java.io.Serializable;

/**
 * How a Flink operator reaches the ERID registry: configuration only, serialized into the job
 * graph, and a client opened where the operator runs. The operator closes what {@link #open}
 * returns.
 */
public interface RegistryConnector extends Serializable {

    /**
     * Opens a client of the store. Builds a client or opens a file; makes no request to a remote
     * store, so an operator may call it in {@code open()}.
     */
    EridRegistry open();

    /** Whether this is {@link #none()}. */
    default boolean isNone() {
        return false;
    }

    /** No registry: the job reports nothing, for tests and runs that do not need one. */
    static RegistryConnector none() {
        return NoRegistryConnector.INSTANCE;
    }
}
