package io.jfrp.config.cli;

import io.jfrp.config.ConfigProblem;
import io.jfrp.config.model.LogSettings;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Applies frp's {@code log.*} keys to logback at start, for both command lines: {@code log.level}
 * sets the root logger, {@code log.to} chooses the console or a file rotated at midnight keeping
 * {@code log.maxDays} days, {@code log.disablePrintColor} turns the console's colours off. The line
 * is frp's concise shape ({@code 2025-01-31 12:00:00.000 [I] [FrpServer] message}); until the
 * configuration is read, {@link ConsoleLogConfigurator} gives the same shape on the console. Netty stays
 * at WARN or above whatever the level: its DEBUG output (allocator and platform probing) says nothing
 * about tunnels. The logback side is {@link LogbackSetup}.
 *
 * <p>logback is an optional dependency of this module: the programs bring it; without it (an
 * application embedding the library with another SLF4J binding) nothing here touches logging.
 */
public final class CliLogging {
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private CliLogging() {
    }

    /**
     * Sets logging up as {@code settings} say. Does nothing when logback is not the SLF4J binding (an
     * embedding application owns its logging).
     *
     * @throws IllegalArgumentException when the log file cannot be opened (its message names it)
     */
    public static void apply(LogSettings settings) {
        if (logbackBound()) {
            LogbackSetup.apply(settings);
        }
    }

    /** Sets only the root level from frp's level name (trace, debug, info, warn, error). */
    public static void applyLevel(String frpLevel) {
        if (logbackBound()) {
            LogbackSetup.applyLevel(frpLevel);
        }
    }

    private static boolean logbackBound() {
        return LoggerFactory.getILoggerFactory().getClass().getName().equals(LOGBACK_CONTEXT);
    }

    /** Logs each configuration warning as {@code file:line: message}. */
    public static void logWarnings(org.slf4j.Logger log, List<ConfigProblem> warnings) {
        for (ConfigProblem w : warnings) {
            log.warn("{}: {}", w.location(), w.message());
        }
    }
}
