package io.jfrp.config.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.jfrp.config.ConfigProblem;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * Applies frp's {@code log.level} to logback at start. logback.xml gives the line format and the
 * INFO level until the configuration is read; {@code log.level} then sets the root logger. Netty
 * stays at WARN or above whatever the level: its DEBUG output (allocator and platform probing)
 * says nothing about tunnels. Shared by the jfrps and jfrpc command lines.
 */
public final class CliLogging {
    private CliLogging() {
    }

    /**
     * Sets the root level from frp's level name (trace, debug, info, warn, error). Does nothing when
     * logback is not the SLF4J binding (an embedding application owns its logging).
     */
    public static void applyLevel(String frpLevel) {
        if (!(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
            return;
        }
        Level level = Level.toLevel(frpLevel.trim().toUpperCase(Locale.ROOT), Level.INFO);
        root.setLevel(level);
        Logger netty = (Logger) LoggerFactory.getLogger("io.netty");
        netty.setLevel(level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN);
    }

    /** Logs each configuration warning as {@code file:line: message}. */
    public static void logWarnings(org.slf4j.Logger log, List<ConfigProblem> warnings) {
        for (ConfigProblem w : warnings) {
            log.warn("{}: {}", w.location(), w.message());
        }
    }
}
