package dev.abkit.server;

/** A setting this server cannot start with; the message is the one line an operator reads. */
final class ConfigurationMistake extends RuntimeException {

    ConfigurationMistake(String line, Throwable cause) {
        super(line, cause);
    }
}
