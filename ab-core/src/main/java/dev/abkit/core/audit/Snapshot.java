package dev.abkit.core.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A thing as it stood, kept in an audit entry: a tree of members in the order the API shows them, whose
 * values are {@code null}, strings, booleans, numbers ({@link Long} when whole, else {@link BigDecimal}),
 * lists and nested members. The tree, not the domain object, is kept, so that an entry written today
 * reads the same after the domain type has grown; the stores keep it as JSON text and give back an
 * equal tree. {@link Snapshots} says what a snapshot of each thing holds.
 */
public final class Snapshot {

    private final Map<String, Object> members;

    /** @throws IllegalArgumentException if a value is of none of the kinds above, or a key is null */
    public Snapshot(Map<String, ?> members) {
        this.members = tree(Objects.requireNonNull(members, "members"), "");
    }

    /** The members, in order; unmodifiable, nested lists and members too. */
    public Map<String, Object> members() {
        return members;
    }

    private static Map<String, Object> tree(Map<?, ?> members, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        members.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("a snapshot's member names are strings (at " + path + ")");
            }
            copy.put(name, value(value, path.isEmpty() ? name : path + "." + name));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object value(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return number(new BigDecimal(value.toString()));
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(value(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> nested) {
            return tree(nested, path);
        }
        throw new IllegalArgumentException("a snapshot holds no " + value.getClass().getSimpleName() + " (at " + path + ")");
    }

    /** One form per number, so that a tree read back from JSON text equals the one written: 2 and 2.0 are 2. */
    private static Object number(BigDecimal number) {
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                && stripped.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
            return stripped.longValueExact();
        }
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Snapshot snapshot && members.equals(snapshot.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
