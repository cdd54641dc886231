package dev.abkit.server;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

/**
 * Refuses an {@code AB_LOG_FORMAT} that is neither {@code text} nor {@code json} at start-up
 * ({@code @Context}): logback, configured before anything else, could only fall back to text without a word.
 */
@Context
final class LogFormatSetting {

    LogFormatSetting(@Value("${abkit.log-format:" + LogFormat.TEXT + "}") String format) {
        if (!LogFormat.isKnown(format)) {
            throw new ConfigurationMistake(LogFormat.VARIABLE + " is " + format + "; set it to " + LogFormat.TEXT
                    + " or " + LogFormat.JSON + ", or leave it unset for text", null);
        }
    }
}
