package io.des.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which callback URLs DES will POST webhooks to. Checked when a client gives the URL and again
 * before every delivery, because the name may resolve elsewhere by then (DNS rebinding).
 *
 * <p>A URL must be absolute, {@code https} (or {@code http} where allowed: local mode), without
 * user information or fragment, at most {@link #DEFAULT_MAX_LENGTH} characters, and its host must
 * resolve, with every address public. Refused: loopback (unless allowed: local mode), private
 * 10/8, 172.16/12, 192.168/16, fc00::/7 and carrier-grade NAT 100.64/10 (unless allowed by
 * configuration), and always link-local 169.254/16 and fe80::/10 (the cloud metadata service
 * lives there), unspecified, multicast and reserved addresses. Without these rules any client
 * could make DES's network reach its internal services (server-side request forgery).
 *
 * <p>Instances are immutable; {@link #strict()} is the production policy.
 */
public final class CallbackUrlPolicy {

    /** Longest URL accepted, in characters. */
    public static final int DEFAULT_MAX_LENGTH = 2048;

    /** Resolves a host name (or an IP literal) to every address it stands for. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowHttp;
    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final int maxLength;
    private final HostResolver resolver;

    private CallbackUrlPolicy(boolean allowHttp, boolean allowLoopback, boolean allowPrivate, int maxLength,
            HostResolver resolver) {
        this.allowHttp = allowHttp;
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.maxLength = maxLength;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** https only, public addresses only, the system resolver. */
    public static CallbackUrlPolicy strict() {
        return new CallbackUrlPolicy(false, false, false, DEFAULT_MAX_LENGTH, InetAddress::getAllByName);
    }

    /** Local mode: receivers on this machine, over plain http too. */
    public static CallbackUrlPolicy localMode() {
        return strict().allowingHttp().allowingLoopback();
    }

    public CallbackUrlPolicy allowingHttp() {
        return new CallbackUrlPolicy(true, allowLoopback, allowPrivate, maxLength, resolver);
    }

    public CallbackUrlPolicy allowingLoopback() {
        return new CallbackUrlPolicy(allowHttp, true, allowPrivate, maxLength, resolver);
    }

    /** Receivers inside the operator's own network (private and carrier-grade NAT ranges). */
    public CallbackUrlPolicy allowingPrivate() {
        return new CallbackUrlPolicy(allowHttp, allowLoopback, true, maxLength, resolver);
    }

    public CallbackUrlPolicy withMaxLength(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
        }
        return new CallbackUrlPolicy(allowHttp, allowLoopback, allowPrivate, maxLength, resolver);
    }

    public CallbackUrlPolicy withResolver(HostResolver resolver) {
        return new CallbackUrlPolicy(allowHttp, allowLoopback, allowPrivate, maxLength, resolver);
    }

    /**
     * Why {@code url} is refused, or empty when it is allowed. The reason reads after the field's
     * name ({@code "callback_url " + reason}) and names nothing the client did not send: never an
     * address its host resolved to.
     */
    public Optional<String> refusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (url.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters long");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "must be an absolute http or https URL" : "must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain a user name or password");
        }
        if (uri.getHost() == null) {
            return Optional.of("must name a host (international names in their xn-- form)");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment (#…)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return Optional.of("has an invalid port");
        }
        return addressRefusal(uri.getHost());
    }

    private Optional<String> addressRefusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException | IllegalArgumentException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("host " + host + " does not resolve");
        }
        boolean literal = host.startsWith("[") || isIpv4Literal(host);
        for (InetAddress address : addresses) {
            IpAddressClass kind = IpAddressClass.of(address);
            if (!allows(kind)) {
                return Optional.of("host " + host + (literal ? " is " : " resolves to ") + kind.description());
            }
        }
        return Optional.empty();
    }

    private boolean allows(IpAddressClass kind) {
        return switch (kind) {
            case PUBLIC -> true;
            case LOOPBACK -> allowLoopback;
            case PRIVATE, SHARED -> allowPrivate;
            case LINK_LOCAL, CLOUD_METADATA, UNSPECIFIED, MULTICAST, RESERVED -> false;
        };
    }

    /** Whether {@code host} is written as an IPv4 address (IPv6 ones come in brackets). */
    private static boolean isIpv4Literal(String host) {
        return host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
