package dev.abkit.console;

import java.util.LinkedHashMap;
import java.util.Map;

/** What is wrong with a form, field by field (named as {@link Field#name()}); the first reason per field counts. */
final class FieldErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    void add(String field, String message) {
        byField.putIfAbsent(field, message);
    }

    String of(String field) {
        return byField.get(field);
    }

    boolean isEmpty() {
        return byField.isEmpty();
    }

    int count() {
        return byField.size();
    }
}
