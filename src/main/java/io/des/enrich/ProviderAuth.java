package io.des.enrich;

import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * How DES authenticates to a provider. Holds only the <em>names</em> of the environment variables
 * that hold the secrets: the secrets are read when the provider opens on a task manager, so they
 * never travel in the job graph, a savepoint or a log.
 *
 * <ul>
 *   <li>{@code none};</li>
 *   <li>{@code api-key}: header {@code header} (default {@code X-API-Key}) set to env {@code key-env};</li>
 *   <li>{@code bearer}: {@code Authorization: Bearer} env {@code token-env};</li>
 *   <li>{@code basic}: {@code Authorization: Basic} of env {@code username-env} and {@code password-env};</li>
 *   <li>{@code oauth2-client-credentials}: a token from {@code token-url} for env {@code client-id-env}
 *       and {@code client-secret-env} (optional {@code scope}), cached until shortly before it
 *       expires and fetched again after a 401.</li>
 * </ul>
 */
public final class ProviderAuth implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The supported schemes, by their configuration name. */
    public enum Type {
        NONE("none"), API_KEY("api-key"), BEARER("bearer"), BASIC("basic"),
        OAUTH2_CLIENT_CREDENTIALS("oauth2-client-credentials");

        private final String configName;

        Type(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** The type named {@code name} in configuration, or null. */
        public static Type named(String name) {
            for (Type type : values()) {
                if (type.configName.equals(name)) {
                    return type;
                }
            }
            return null;
        }
    }

    /** Secret-holding settings of each type: keys whose value names an environment variable. */
    private static final Map<Type, List<String>> SECRET_KEYS = Map.of(
            Type.NONE, List.of(),
            Type.API_KEY, List.of("key-env"),
            Type.BEARER, List.of("token-env"),
            Type.BASIC, List.of("username-env", "password-env"),
            Type.OAUTH2_CLIENT_CREDENTIALS, List.of("client-id-env", "client-secret-env"));

    private final Type type;
    private final LinkedHashMap<String, String> settings;

    /**
     * @param type the scheme
     * @param settings the scheme's settings by key (without the {@code auth.} prefix)
     */
    public ProviderAuth(Type type, Map<String, String> settings) {
        this.type = Objects.requireNonNull(type, "type");
        this.settings = new LinkedHashMap<>(settings);
    }

    public static ProviderAuth none() {
        return new ProviderAuth(Type.NONE, Map.of());
    }

    public Type type() {
        return type;
    }

    /**
     * The problems of this configuration in the environment {@code env}: missing keys and
     * environment variables that are not set, each naming its key (without the {@code auth.} prefix).
     */
    public List<String> problems(UnaryOperator<String> env) {
        List<String> problems = new ArrayList<>();
        for (String key : SECRET_KEYS.get(type)) {
            String variable = settings.get(key);
            if (variable == null || variable.isBlank()) {
                problems.add("auth." + key + " is required for auth type " + type.configName);
            } else if (env.apply(variable) == null || env.apply(variable).isEmpty()) {
                problems.add("auth." + key + " names environment variable " + variable + ", which is not set");
            }
        }
        if (type == Type.OAUTH2_CLIENT_CREDENTIALS) {
            String tokenUrl = settings.get("token-url");
            try {
                URI uri = URI.create(tokenUrl == null ? "" : tokenUrl);
                if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                    problems.add("auth.token-url must be an absolute http(s) URI, was " + tokenUrl);
                }
            } catch (IllegalArgumentException e) {
                problems.add("auth.token-url is not a URI: " + tokenUrl);
            }
        }
        return problems;
    }

    /**
     * Opens the runtime side, reading the secrets from {@code env} now.
     *
     * @param tokenTimeout deadline of a token request, headers and body together
     * @param maxTokenBytes the largest token answer read
     */
    Session open(HttpClient client, UnaryOperator<String> env, Duration tokenTimeout, long maxTokenBytes) {
        switch (type) {
            case API_KEY: {
                Map<String, String> headers = Map.of(settings.getOrDefault("header", "X-API-Key"),
                        env.apply(settings.get("key-env")));
                return fixed(headers);
            }
            case BEARER:
                return fixed(Map.of("Authorization", "Bearer " + env.apply(settings.get("token-env"))));
            case BASIC:
                return fixed(Map.of("Authorization", basic(env.apply(settings.get("username-env")),
                        env.apply(settings.get("password-env")))));
            case OAUTH2_CLIENT_CREDENTIALS:
                return new OAuth2ClientCredentials(client, URI.create(settings.get("token-url")),
                        basic(env.apply(settings.get("client-id-env")), env.apply(settings.get("client-secret-env"))),
                        settings.get("scope"), tokenTimeout, maxTokenBytes, System::nanoTime);
            default:
                return fixed(Map.of());
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Session fixed(Map<String, String> headers) {
        return new Session() {
            @Override
            public CompletableFuture<Map<String, String>> headers() {
                return CompletableFuture.completedFuture(headers);
            }

            @Override
            public void rejected() {
                // A fixed credential cannot be renewed; the 401 is reported as a fatal failure.
            }
        };
    }

    /** The runtime side: the headers to send, possibly after fetching a token. */
    interface Session {
        /** The authentication headers for the next request; never blocks. */
        CompletableFuture<Map<String, String>> headers();

        /** The provider answered 401: drop any cached token so the next request fetches a new one. */
        void rejected();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderAuth that && type == that.type && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, settings);
    }

    @Override
    public String toString() {
        // Only names of variables: safe to log.
        return "ProviderAuth{" + type.configName + ", " + settings + '}';
    }
}
