package io.jfrp.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Collects what a logback logger (and its children) logs while open. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** Formatted messages logged at {@code level} or above so far. */
    public List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        synchronized (appender) { // AppenderBase appends under this lock
            for (ILoggingEvent e : appender.list) {
                if (e.getLevel().isGreaterOrEqual(level)) {
                    out.add(e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage());
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
