package io.jfrp.bench.mux;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Result lines go to stdout (one line each, machine-readable); chatter goes to the log (stderr). */
final class PeerLog {
    private static final Logger log = LoggerFactory.getLogger("io.jfrp.bench");

    private PeerLog() {
    }

    static void out(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    static void info(String fmt, Object... args) {
        if (log.isInfoEnabled()) {
            log.info(String.format(java.util.Locale.ROOT, fmt, args));
        }
    }

    static void warn(String fmt, Object... args) {
        log.warn(String.format(java.util.Locale.ROOT, fmt, args));
    }

    static void debug(String fmt, Object... args) {
        if (log.isDebugEnabled()) {
            log.debug(String.format(java.util.Locale.ROOT, fmt, args));
        }
    }
}
