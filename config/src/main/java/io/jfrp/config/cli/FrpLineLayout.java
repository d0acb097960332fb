package io.jfrp.config.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * frp's concise log line, written directly rather than through logback's {@code PatternLayout}:
 * <pre>
 *   2025-01-31 12:00:00.000 [I] [FrpClient] [web] start proxy success, remote address :6000
 * </pre>
 * the local time to the millisecond, the level's initial, the logger's last name, the message, and
 * the exception's stack trace after it as logback prints one (the time by {@link LocalTimestamp}, without
 * {@code java.time}'s formatter). The same line as the pattern
 * {@value #PATTERN}, which the tests hold it to; a {@code PatternLayout} compiles its pattern with
 * logback's pattern parser and loads every converter logback has (about 80 classes on every start,
 * issue 16), where this needs none of them.
 *
 * <p>Logback calls {@link #doLayout} under its appender's lock, one event at a time.
 */
final class FrpLineLayout extends LayoutBase<ILoggingEvent> {
    /** The line in logback's pattern syntax: what this layout writes, and what its tests compare with. */
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} [%.-1level] [%logger{0}] %msg%n";

    /** The local time, in the zone the program started in. */
    private static final LocalTimestamp TIME = LocalTimestamp.systemDefault();

    /** The stack trace of an event's exception, as a {@code PatternLayout} adds it to every pattern. */
    private final ThrowableProxyConverter stackTrace = new ThrowableProxyConverter();

    @Override
    public void start() {
        stackTrace.setContext(getContext());
        stackTrace.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String logger = event.getLoggerName();
        StringBuilder line = TIME.append(new StringBuilder(128), event.getTimeStamp())
                .append(" [").append(event.getLevel().toString().charAt(0)).append("] [")
                .append(logger, logger.lastIndexOf('.') + 1, logger.length()).append("] ")
                .append(event.getFormattedMessage())
                .append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            line.append(stackTrace.convert(event));
        }
        return line.toString();
    }
}
