package io.des.config;

import java.util.List;

/** Every group of DES's configuration, in the order the reference lists them. */
public final class Catalogue {

    private Catalogue() {}

    /** The job's property groups, the API's environment, local mode's flags and its sandbox providers. */
    public static List<SettingGroup> groups() {
        return List.of(JobKeys.SOURCE, JobKeys.SINK, JobKeys.JOB, JobKeys.REGISTRY, EnrichKeys.ENRICH, ApiKeys.API,
                LocalFlags.FLAGS, SandboxKeys.SANDBOX);
    }
}
