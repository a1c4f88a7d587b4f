package io.des.enrich;

import java.io.Serializable;

/**
 * The serializable description of a provider, shipped with the job graph and turned into a live
 * {@link Provider} on each task manager.
 *
 * <p>The split keeps network clients out of Flink's function serialization: a spec holds only
 * configuration, so it can also be compared, logged and (later) composed into waterfalls.
 */
public interface ProviderSpec extends Serializable {

    /** Name of the provider the spec opens; also the name recorded as the source of its values. */
    String providerName();

    /**
     * Longest a single call may take. The record's overall async timeout must exceed it, or a
     * record would time out before its first answer could arrive.
     */
    java.time.Duration requestTimeout();

    /**
     * The fields the provider can supply and whether it takes many contacts per call. The default,
     * every field one contact at a time, suits a provider that declares nothing.
     */
    default ProviderCapabilities capabilities() {
        return ProviderCapabilities.everyField();
    }

    /** Creates the runtime provider. Called once per parallel instance, from {@code open()}. */
    Provider open();

    /**
     * Creates the runtime provider for a parallel instance that says how many instances share the
     * provider and where metrics go. Specs that need neither keep this default, which calls
     * {@link #open()}.
     */
    default Provider open(ProviderContext context) {
        return open();
    }
}
