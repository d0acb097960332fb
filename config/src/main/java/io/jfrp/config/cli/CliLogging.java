package io.jfrp.config.cli;

import io.jfrp.config.ConfigProblem;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * Applies frp's {@code log.level} to logback at start. {@link ConsoleLogConfigurator} gives the line
 * format and the INFO level until the configuration is read; {@code log.level} then sets the root logger. Netty
 * stays at WARN or above whatever the level: its DEBUG output (allocator and platform probing)
 * says nothing about tunnels. Shared by the jfrps and jfrpc command lines.
 *
 * <p>logback is an optional dependency of this module: the programs bring it; without it (an
 * application embedding the library with another SLF4J binding) nothing here touches logging.
 */
public final class CliLogging {
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private CliLogging() {
    }

    /**
     * Sets the root level from frp's level name (trace, debug, info, warn, error). Does nothing when
     * logback is not the SLF4J binding (an embedding application owns its logging).
     */
    public static void applyLevel(String frpLevel) {
        if (LoggerFactory.getILoggerFactory().getClass().getName().equals(LOGBACK_CONTEXT)) {
            Logback.applyLevel(frpLevel);
        }
    }

    /** Logs each configuration warning as {@code file:line: message}. */
    public static void logWarnings(org.slf4j.Logger log, List<ConfigProblem> warnings) {
        for (ConfigProblem w : warnings) {
            log.warn("{}: {}", w.location(), w.message());
        }
    }

    /** The logback calls, in a class of their own: loaded only when logback is there. */
    private static final class Logback {
        static void applyLevel(String frpLevel) {
            ch.qos.logback.classic.Level level = ch.qos.logback.classic.Level.toLevel(
                    frpLevel.trim().toUpperCase(Locale.ROOT), ch.qos.logback.classic.Level.INFO);
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.netty")).setLevel(
                    level.isGreaterOrEqual(ch.qos.logback.classic.Level.WARN) ? level : ch.qos.logback.classic.Level.WARN);
        }
    }
}
