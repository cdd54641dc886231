package dev.abkit.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields of a posted form ({@code application/x-www-form-urlencoded}), decoded here rather than bound by
 * the framework, so that a field named as the admin API names it ({@code options[1].weight}) arrives as it
 * was sent instead of as a nested structure. A field sent several times (checkboxes) keeps every value.
 */
final class FormFields {

    private final Map<String, List<String>> values;

    private FormFields(Map<String, List<String>> values) {
        this.values = values;
    }

    /** @param body the raw body; null or empty for a form without fields */
    static FormFields parse(String body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
                if (name != null && value != null && !name.isEmpty()) {
                    values.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
                }
            }
        }
        return new FormFields(values);
    }

    /** Fields made by the console itself (a form prefilled with what is stored), as if a browser had sent them. */
    static FormFields of(Map<String, List<String>> values) {
        return new FormFields(new LinkedHashMap<>(values));
    }

    /** A malformed escape ({@code %zz}) is nothing a browser sends: the field is left out. */
    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** The field's first value, trimmed; empty when it was not sent. */
    String text(String name) {
        List<String> sent = values.get(name);
        return sent == null ? "" : sent.get(0).trim();
    }

    /** Every value sent under the name, trimmed, in the order sent. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream().map(String::trim).toList();
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The same fields, each under the name {@code rename} gives it, or left out where it gives none. */
    FormFields renamed(Function<String, Optional<String>> rename) {
        Map<String, List<String>> renamed = new LinkedHashMap<>();
        values.forEach((name, sent) -> rename.apply(name).ifPresent(newName -> renamed.put(newName, sent)));
        return new FormFields(renamed);
    }

    /** Whether any field named {@code prefix...} was sent ({@code options[} for any option row). */
    boolean hasAnyStartingWith(String prefix) {
        return values.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }
}
