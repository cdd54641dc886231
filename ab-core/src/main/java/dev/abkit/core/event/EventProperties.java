package dev.abkit.core.event;

/**
 * An event's free-form properties: the JSON object text the adapter parsed and wrote again, kept
 * verbatim for audits and later analysis. The core does not parse JSON (it depends on the JDK only);
 * it checks one thing, the size: at most 4 KiB (4,096 bytes) in UTF-8, so that a client cannot make
 * each stored event arbitrarily large. The adapter is responsible for it being a JSON object.
 *
 * @param json the object's JSON text as the adapter re-serialised it
 */
public record EventProperties(String json) {

    public static final int MAX_UTF8_BYTES = 4096;

    public EventProperties {
        if (json == null) {
            throw new IllegalArgumentException("event properties must be a JSON object");
        }
        long bytes = utf8Length(json);
        if (bytes > MAX_UTF8_BYTES) {
            throw new IllegalArgumentException("event properties must be at most " + MAX_UTF8_BYTES
                    + " bytes of UTF-8 JSON (got " + bytes + ")");
        }
    }

    public static EventProperties of(String json) {
        return new EventProperties(json);
    }

    /** Counted without encoding: the text can be large, and only its length matters here. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
