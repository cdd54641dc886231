package dev.abkit.core.model;

/**
 * The platform a device runs on, as its app says in the {@code Platform} header. Read without regard
 * to case ({@code iOS} is {@link #IOS}), because platform names are commonly written capitalised;
 * always written in lower case.
 */
public enum Platform {
    IOS("ios"),
    ANDROID("android"),
    WEB("web"),
    OTHER("other");

    private static final Platform[] ALL = values();

    private final String text;

    Platform(String text) {
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException for anything but ios, android, web or other, in any case
     */
    public static Platform of(String text) {
        if (text != null) {
            for (Platform platform : ALL) {
                if (platform.text.equalsIgnoreCase(text)) {
                    return platform;
                }
            }
        }
        throw new IllegalArgumentException("platform must be one of ios, android, web, other (got "
                + Quoted.of(text) + ")");
    }

    /** The name in lower case, as the API writes it. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
