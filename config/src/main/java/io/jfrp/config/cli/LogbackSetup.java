package io.jfrp.config.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import io.jfrp.config.model.LogSettings;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The logback calls of {@link CliLogging}, in a class of their own: loaded only when logback is
 * there. Builds the appenders in code (no generated XML), so what {@code log.*} says is all there
 * is to it.
 *
 * <h3>Console</h3>
 * Standard output, as frp writes, each line coloured by level with frp's colours (debug light cyan,
 * info blue, warn yellow, error red, trace plain) unless {@code log.disablePrintColor}.
 *
 * <h3>File</h3>
 * Appended to; at the first line after midnight the file is renamed after the day it holds
 * ({@code frps.log} becomes {@code frps.20250131.log}: frp's {@code name.date.ext} shape) and a new
 * one started; files older than {@code log.maxDays} days are deleted (at start too). No colours.
 */
final class LogbackSetup {
    private LogbackSetup() {
    }

    static void applyLevel(String frpLevel) {
        applyLevel(context(), frpLevel);
    }

    /** frp's {@code log.level} on the root logger of {@code ctx}; Netty never below WARN. */
    static void applyLevel(LoggerContext ctx, String frpLevel) {
        Level level = Level.toLevel(frpLevel.trim().toUpperCase(Locale.ROOT), Level.INFO);
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level);
        ctx.getLogger("io.netty").setLevel(level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN);
    }

    static void apply(LogSettings settings) {
        LoggerContext ctx = context();
        Appender<ILoggingEvent> appender = settings.toConsole()
                ? console(ctx, !settings.disablePrintColor())
                : file(ctx, Path.of(settings.to()), settings.maxDays());
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        applyLevel(settings.level());
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    /** Standard output in frp's line ({@link FrpLineLayout}), coloured by level when {@code colour}; started. */
    static Appender<ILoggingEvent> console(LoggerContext ctx, boolean colour) {
        ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
        a.setContext(ctx);
        a.setName("console");
        a.setEncoder(encoder(ctx, colour));
        a.start();
        return a;
    }

    private static Appender<ILoggingEvent> file(LoggerContext ctx, Path file, int maxDays) {
        RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
        a.setContext(ctx);
        a.setName("file");
        a.setFile(file.toString());
        a.setAppend(true);
        TimeBasedRollingPolicy<ILoggingEvent> rolling = new TimeBasedRollingPolicy<>();
        rolling.setContext(ctx);
        rolling.setParent(a);
        rolling.setFileNamePattern(rotatedName(file));
        rolling.setMaxHistory(Math.max(maxDays, 0));
        rolling.setCleanHistoryOnStart(true);
        rolling.start();
        a.setRollingPolicy(rolling);
        a.setEncoder(encoder(ctx, false));
        a.start();
        if (!a.isStarted()) {
            throw new IllegalArgumentException("log.to: cannot write the log file " + file.toAbsolutePath());
        }
        return a;
    }

    /** {@code dir/name.ext} → {@code dir/name.%d{yyyyMMdd}.ext}; a name without extension gets the date last. */
    static String rotatedName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String rotated = dot > 0
                ? name.substring(0, dot) + ".%d{yyyyMMdd}" + name.substring(dot)
                : name + ".%d{yyyyMMdd}";
        Path parent = file.getParent();
        return parent == null ? rotated : parent.resolve(rotated).toString();
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext ctx, boolean colour) {
        FrpLineLayout line = new FrpLineLayout();
        line.setContext(ctx);
        line.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        if (colour) {
            Coloured coloured = new Coloured(line);
            coloured.setContext(ctx);
            coloured.start();
            encoder.setLayout(coloured);
        } else {
            encoder.setLayout(line);
        }
        encoder.start();
        return encoder;
    }

    /** A line in frp's colour for its level (golib's console brushes), the newline outside the colour. */
    static final class Coloured extends LayoutBase<ILoggingEvent> {
        private final Layout<ILoggingEvent> line;

        Coloured(Layout<ILoggingEvent> line) {
            this.line = line;
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            String text = line.doLayout(event);
            String colour = colour(event.getLevel());
            if (colour == null) {
                return text;
            }
            int end = text.endsWith("\n") ? text.length() - 1 : text.length();
            return "\033[" + colour + "m" + text.substring(0, end) + "\033[0m" + text.substring(end);
        }

        static String colour(Level level) {
            return switch (level.toInt()) {
                case Level.DEBUG_INT -> "1;36";
                case Level.INFO_INT -> "1;34";
                case Level.WARN_INT -> "1;33";
                case Level.ERROR_INT -> "1;31";
                default -> null;
            };
        }
    }
}
