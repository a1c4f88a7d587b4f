package io.des.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a setting's text becomes a value: the one parser of each kind of value in DES's
 * configuration, so that every group, environment variable and flag reads numbers, flags and
 * durations alike and words its refusals alike.
 *
 * @param name how the type reads in the reference ({@code docs/configuration.md})
 * @param parser text (trimmed) to value; throws {@link IllegalArgumentException} saying why not
 */
public record SettingType<T>(String name, Function<String, T> parser) {

    /** A whole number (a Java {@code long}). */
    public static final SettingType<Long> WHOLE_NUMBER = new SettingType<>("whole number", raw -> {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    });

    /** A finite decimal number. */
    public static final SettingType<Double> DECIMAL = new SettingType<>("decimal number", raw -> {
        try {
            double value = Double.parseDouble(raw);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("must be a decimal number");
    });

    /** {@code true} or {@code false}, in any case. */
    public static final SettingType<Boolean> FLAG = new SettingType<>("true | false", raw -> {
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("must be true or false");
        }
    });

    /** An ISO-8601 duration such as {@code PT30M} or {@code P7D}. */
    public static final SettingType<Duration> DURATION = new SettingType<>("ISO-8601 duration", raw -> {
        try {
            return Duration.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 duration such as PT30M or P7D");
        }
    });

    /** Any text. */
    public static final SettingType<String> TEXT = new SettingType<>("text", raw -> raw);

    /** A comma-separated list; blanks and repeats dropped. */
    public static final SettingType<List<String>> LIST = new SettingType<>("comma-separated list", raw ->
            Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList());

    /** A comma-separated list of HTTP statuses (100 to 599). */
    public static final SettingType<java.util.Set<Integer>> HTTP_STATUSES = new SettingType<>("HTTP statuses", raw -> {
        java.util.Set<Integer> statuses = new java.util.LinkedHashSet<>();
        for (String status : LIST.parse(raw)) {
            if (!status.matches("[1-5]\\d\\d")) {
                throw new IllegalArgumentException("must list HTTP statuses, found '" + status + "'");
            }
            statuses.add(Integer.parseInt(status));
        }
        return statuses;
    });

    /** An absolute URI (with a scheme). */
    public static final SettingType<URI> URI_TYPE = new SettingType<>("URI", raw -> {
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("must be an absolute URI with a scheme");
    });

    /** An absolute http(s) URL with a host. */
    public static final SettingType<URI> HTTP_URL = new SettingType<>("http(s) URL", raw -> {
        URI uri = URI_TYPE.parser().apply(raw);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
            return uri;
        }
        throw new IllegalArgumentException("must be an absolute http(s) URL with a host");
    });

    /** One of {@code choices}, compared without case; the value is the choice in lower case. */
    public static SettingType<String> oneOf(String... choices) {
        List<String> allowed = List.of(choices);
        String name = String.join(" | ", allowed);
        return new SettingType<>(name, raw -> {
            String value = raw.toLowerCase(Locale.ROOT);
            if (allowed.contains(value)) {
                return value;
            }
            throw new IllegalArgumentException("must be one of " + String.join(", ", allowed));
        });
    }

    /** Parses {@code raw} (already trimmed). */
    public T parse(String raw) {
        return parser.apply(raw);
    }
}
