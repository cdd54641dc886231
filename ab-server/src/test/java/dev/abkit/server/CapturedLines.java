package dev.abkit.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The lines one logger writes while attached, each with its MDC and thread as they were when it was
 * written (an event reads its MDC lazily, so it is read here, on the writing thread).
 */
final class CapturedLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    record Line(String message, String requestId, String thread) {
    }

    private final Logger logger;
    private final Level levelBefore;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLines(Logger logger, Level level) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        logger.setLevel(level);
        setContext(logger.getLoggerContext());
        start();
        logger.addAppender(this);
    }

    static CapturedLines of(String loggerName, Level level) {
        return new CapturedLines((Logger) LoggerFactory.getLogger(loggerName), level);
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(new Line(event.getFormattedMessage(), event.getMDCPropertyMap().get("requestId"), event.getThreadName()));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(levelBefore);
        stop();
    }
}
