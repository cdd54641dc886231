package dev.abkit.core.model;

/** Renders rejected input inside error messages: quoted, and cut short so a huge value stays readable. */
final class Quoted {

    private static final int SHOWN = 40;

    private Quoted() {
    }

    static String of(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
        return "\"" + shown + "\"";
    }
}
