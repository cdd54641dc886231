package dev.abkit.http.mobile;

import dev.abkit.core.model.Assignment;

import java.util.List;

/**
 * Writes a device's assignments as the flat JSON object of the mobile API, {@code {"key":"value"}}
 * in the given order. Hand-written because it is the hottest path and the shape never varies.
 */
final class FlatJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FlatJson() {
    }

    static String of(List<Assignment> assignments) {
        StringBuilder json = new StringBuilder(16 + assignments.size() * 32).append('{');
        for (int i = 0; i < assignments.size(); i++) {
            Assignment assignment = assignments.get(i);
            if (i > 0) {
                json.append(',');
            }
            string(json, assignment.experiment().value()).append(':');
            string(json, assignment.value());
        }
        return json.append('}').toString();
    }

    private static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
