package io.des.local;

import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The enrichment providers of a local run: by default one sandbox provider with the command line's
 * behaviour; with {@code --providers-file}, the providers that file declares (the same keys as the
 * {@code DesEnrich} group, see {@code docs/providers.md}).
 *
 * <p>In a providers file, a provider whose {@code endpoint} is the word {@code sandbox} is served by
 * a sandbox started here on a free port, behaving as its {@code provider.<p>.sandbox.*} keys say
 * (the sandbox flags: {@code not-found-rate}, {@code latency-ms}, {@code error-rate}, …), at its bulk
 * endpoint when the provider has a {@code bulk.size}. So a
 * two-provider waterfall runs on one machine with nothing but configuration.
 */
final class LocalProviders implements AutoCloseable {

    static final String SANDBOX_ENDPOINT = "sandbox";

    private final Properties enrichProperties;
    private final List<SandboxProviderServer> sandboxes;

    private LocalProviders(Properties enrichProperties, List<SandboxProviderServer> sandboxes) {
        this.enrichProperties = enrichProperties;
        this.sandboxes = sandboxes;
    }

    /** Starts what {@code options} asks for. */
    static LocalProviders start(LocalOptions options) {
        if (options.providersFile == null) {
            SandboxProviderServer sandbox = startSandbox(options.sandboxBehaviour());
            Properties enrich = new Properties();
            enrich.setProperty("provider.name", "sandbox");
            enrich.setProperty("provider.endpoint", sandbox.endpoint().toString());
            return new LocalProviders(enrich, List.of(sandbox));
        }
        return fromFile(options.providersFile);
    }

    /**
     * Reads a providers file and starts a sandbox for each provider whose endpoint is
     * {@value #SANDBOX_ENDPOINT}.
     *
     * @throws IllegalArgumentException if the file cannot be read or a sandbox setting is invalid
     */
    static LocalProviders fromFile(Path file) {
        Properties declared = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            declared.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("--providers-file " + file + " cannot be read: " + e.getMessage(), e);
        }
        Properties enrich = new Properties();
        List<SandboxProviderServer> sandboxes = new ArrayList<>();
        try {
            for (String key : declared.stringPropertyNames()) {
                if (!key.matches("provider\\.[^.]+\\.sandbox\\..+")) {
                    enrich.setProperty(key, declared.getProperty(key));
                }
            }
            for (String key : declared.stringPropertyNames()) {
                if (key.matches("provider\\.[^.]+\\.endpoint") && declared.getProperty(key).trim().equals(SANDBOX_ENDPOINT)) {
                    String prefix = key.substring(0, key.length() - "endpoint".length()) + "sandbox.";
                    SandboxProviderServer sandbox = startSandbox(behaviour(declared, prefix));
                    sandboxes.add(sandbox);
                    // A provider in bulk mode sends every lookup to the sandbox's bulk endpoint.
                    boolean bulk = declared.getProperty(prefix.replace(".sandbox.", ".bulk.size")) != null;
                    enrich.setProperty(key, (bulk ? sandbox.bulkEndpoint() : sandbox.endpoint()).toString());
                }
            }
        } catch (RuntimeException e) {
            sandboxes.forEach(SandboxProviderServer::close);
            throw e;
        }
        return new LocalProviders(enrich, List.copyOf(sandboxes));
    }

    /** Lookups all sandboxes of this run have received so far. */
    long sandboxCallsReceived() {
        return sandboxes.stream().mapToLong(SandboxProviderServer::callsReceived).sum();
    }

    /** The {@code DesEnrich} properties, with the sandboxes' actual endpoints. */
    Properties enrichProperties() {
        return enrichProperties;
    }

    @Override
    public void close() {
        sandboxes.forEach(SandboxProviderServer::close);
    }

    private static SandboxBehaviour behaviour(Properties declared, String prefix) {
        Properties settings = new Properties();
        for (String key : declared.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                settings.setProperty(key.substring(prefix.length()), declared.getProperty(key));
            }
        }
        try {
            return SandboxBehaviour.fromProperties(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "*: " + e.getMessage(), e);
        }
    }

    private static SandboxProviderServer startSandbox(SandboxBehaviour behaviour) {
        try {
            return SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0), behaviour);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("cannot start a sandbox provider", e);
        }
    }
}
