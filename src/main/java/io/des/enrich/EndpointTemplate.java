package io.des.enrich;

import io.des.model.ContactRecord;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider's endpoint URL with {@code ${…}} placeholders, as {@link RequestTemplate} names them.
 *
 * <p>Placeholders may stand only in the path and the query. Anywhere else a contact's value would
 * choose where the request (and its API key) goes, or would not be sent at all (a fragment), so
 * {@link #validate} refuses it when the job starts. Values are encoded for where they stand: in the
 * path as one path segment, every byte but letters, digits, {@code -}, {@code _} and {@code ~}
 * percent-encoded, so that {@code /}, {@code ?}, {@code #}, spaces and dot segments ({@code ..})
 * cannot change the path; in the query form-encoded.
 */
final class EndpointTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EndpointTemplate() {}

    /**
     * @throws IllegalArgumentException if {@code endpoint} is not an absolute http(s) URL with a
     *     host, holds an unknown placeholder, or a placeholder outside its path and query
     */
    static void validate(String endpoint) {
        RequestTemplate.requireKnownPlaceholders(endpoint);
        Parts parts = Parts.of(endpoint);
        if (parts == null) {
            throw new IllegalArgumentException("endpoint must be an absolute http(s) URI with a host, was " + endpoint);
        }
        requireNoPlaceholder(parts.prefix, "scheme or host", endpoint);
        requireNoPlaceholder(parts.fragment, "fragment", endpoint);
        URI probe;
        try {
            probe = URI.create(PLACEHOLDER.matcher(endpoint).replaceAll("x"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint is not a URI: " + endpoint);
        }
        if (probe.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an absolute http(s) URI with a host, was " + endpoint);
        }
    }

    /** {@code endpoint} (already {@linkplain #validate validated}) filled for {@code record}. */
    static String render(String endpoint, ContactRecord record, List<String> fields) {
        Parts parts = Parts.of(endpoint);
        return parts.prefix
                + RequestTemplate.interpolate(parts.path, record, fields, "", EndpointTemplate::pathSegment)
                + RequestTemplate.interpolate(parts.query, record, fields, "",
                        value -> URLEncoder.encode(value, StandardCharsets.UTF_8))
                + parts.fragment;
    }

    /** {@code value} percent-encoded so that it is exactly one path segment, never a dot segment. */
    static String pathSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static void requireNoPlaceholder(String part, String where, String endpoint) {
        Matcher matcher = PLACEHOLDER.matcher(part);
        if (matcher.find()) {
            throw new IllegalArgumentException("endpoint has placeholder " + matcher.group() + " in its " + where
                    + ", where a contact's value would decide where the request goes; only the path and the query"
                    + " may hold placeholders: " + endpoint);
        }
    }

    /** An endpoint cut into scheme and authority, path, query (with its '?') and fragment (with its '#'). */
    private record Parts(String prefix, String path, String query, String fragment) {

        static Parts of(String endpoint) {
            int schemeEnd = endpoint.indexOf("://");
            String scheme = schemeEnd < 0 ? "" : endpoint.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            int authorityEnd = firstOf(endpoint, schemeEnd + 3, "/?#");
            int fragmentStart = endpoint.indexOf('#', authorityEnd);
            int end = fragmentStart < 0 ? endpoint.length() : fragmentStart;
            int queryStart = endpoint.indexOf('?', authorityEnd);
            int pathEnd = queryStart < 0 || queryStart > end ? end : queryStart;
            return new Parts(endpoint.substring(0, authorityEnd), endpoint.substring(authorityEnd, pathEnd),
                    endpoint.substring(pathEnd, end), endpoint.substring(end));
        }

        private static int firstOf(String text, int from, String characters) {
            for (int i = from; i < text.length(); i++) {
                if (characters.indexOf(text.charAt(i)) >= 0) {
                    return i;
                }
            }
            return text.length();
        }
    }
}
