package io.des.enrich;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration of an {@link HttpJsonProvider}: its name, endpoint and per-request timeout.
 *
 * <p>Holds no secrets: a provider that needs an API key will read it from an environment variable
 * when it opens, so that keys never travel inside the job graph or savepoints.
 */
public final class HttpJsonProviderSpec implements ProviderSpec {

    private static final long serialVersionUID = 1L;

    private final String providerName;
    private final URI endpoint;
    private final long requestTimeoutMillis;

    /**
     * @param providerName non-blank name, recorded as the source of found values
     * @param endpoint absolute http or https URI the lookups are POSTed to
     * @param requestTimeout positive limit for one HTTP request (connect and response)
     * @throws IllegalArgumentException naming the invalid argument
     */
    public HttpJsonProviderSpec(String providerName, URI endpoint, Duration requestTimeout) {
        if (providerName == null || providerName.isBlank()) {
            throw new IllegalArgumentException("providerName must not be blank");
        }
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an absolute http(s) URI with a host, was " + endpoint);
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        this.providerName = providerName;
        this.endpoint = endpoint;
        this.requestTimeoutMillis = requestTimeout.toMillis();
    }

    @Override
    public String providerName() {
        return providerName;
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMillis);
    }

    @Override
    public HttpJsonProvider open() {
        return new HttpJsonProvider(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HttpJsonProviderSpec)) {
            return false;
        }
        HttpJsonProviderSpec that = (HttpJsonProviderSpec) o;
        return requestTimeoutMillis == that.requestTimeoutMillis
                && providerName.equals(that.providerName)
                && endpoint.equals(that.endpoint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(providerName, endpoint, requestTimeoutMillis);
    }

    @Override
    public String toString() {
        return "HttpJsonProviderSpec{" + providerName + ", " + endpoint + ", requestTimeoutMillis="
                + requestTimeoutMillis + '}';
    }
}
