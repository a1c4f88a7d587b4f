package io.des.api.tenant;

import java.io.IOException;
import java.time.Duration;

/** Where the tenants document comes from: a local file, or a secret in AWS Secrets Manager. */
public interface TenantsSource {

    /** The document's current bytes. */
    byte[] read() throws IOException;

    /** How often to look for a new version. */
    Duration pollInterval();

    /** Where the document lives, for logs (a path or a secret name; never its content). */
    String describe();
}
