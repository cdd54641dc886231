package dev.abkit.server;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{name}}} variables of a {@code .http} file. Environment values win over the file's own
 * {@code @name = value} lines, as in IntelliJ, where a selected environment overrides in-place variables.
 */
final class Variables {

    /** Any reference, also to the clients' dynamic variables ({@code {{$randomInt 1 9}}}), which the files do not use. */
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{(.*?)}}");

    private final Map<String, String> values;

    private Variables(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    static Variables of(Map<String, String> inFile, Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>(inFile);
        merged.putAll(environment);
        return new Variables(merged);
    }

    /** The text with each reference replaced by its value; a reference to an undefined variable is a mistake in the file. */
    String resolve(String text) {
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1).strip();
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("undefined variable {{" + name + "}} in: " + text);
            }
            reference.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        return reference.appendTail(resolved).toString();
    }
}
