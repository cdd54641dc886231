package dev.abkit.server;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * {@code AB_LOG_FORMAT} for logback.xml, which names its console appenders after the two formats:
 * {@code json}, one JSON object per line, or {@code text}, the default. Any other value is logged as
 * text, and {@link LogFormatSetting} then stops the start with a line that says what to set.
 */
public final class LogFormat extends PropertyDefinerBase {

    static final String VARIABLE = "AB_LOG_FORMAT";
    static final String TEXT = "text";
    static final String JSON = "json";

    /** Called by logback while it configures itself, before any other code of the server runs. */
    @Override
    public String getPropertyValue() {
        return JSON.equals(System.getenv(VARIABLE)) ? JSON : TEXT;
    }

    static boolean isKnown(String format) {
        return TEXT.equals(format) || JSON.equals(format);
    }
}
