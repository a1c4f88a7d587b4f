package io.des.pipeline.config;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a pipeline file's values from the environment, so that no secret is ever written in the
 * file: {@code ${NAME}} anywhere in a value is the variable {@code NAME}, and a whole value written
 * {@code ENV_NAME} (the design document's notation) is the variable {@code ENV_NAME} itself.
 */
public final class EnvSecrets {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DESIGN_NOTATION = Pattern.compile("ENV_[A-Z0-9_]+");

    private final Function<String, String> environment;

    /** @param environment the variables, {@code System::getenv} outside tests */
    public EnvSecrets(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * The value with every variable filled in.
     *
     * @throws IllegalArgumentException naming the variable that is not set, or a malformed placeholder
     */
    public String resolve(String value) {
        if (DESIGN_NOTATION.matcher(value).matches()) {
            return lookup(value);
        }
        if (!value.contains("${")) {
            return value;
        }
        if (PLACEHOLDER.matcher(value).replaceAll("").contains("${")) {
            throw new IllegalArgumentException("'${' without a closing '}'");
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'${" + name + "}' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(lookup(name)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String lookup(String name) {
        String found = environment.apply(name);
        if (found == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return found;
    }
}
