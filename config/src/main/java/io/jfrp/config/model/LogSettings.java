package io.jfrp.config.model;

import java.util.Locale;

/**
 * frp's {@code log.*} keys, shared by both programs.
 *
 * @param to                {@code console} (frp's default) or a file path; a file is rotated daily
 *                          ({@code <file>.YYYYMMDD} for past days, as frp names them)
 * @param level             trace, debug, info, warn or error
 * @param maxDays           days of rotated files kept (frp: 3); 0 or less keeps them all
 * @param disablePrintColor no ANSI colours on the console (frp colours console lines by level)
 */
public record LogSettings(String to, String level, int maxDays, boolean disablePrintColor) {
    /** frp's defaults: info to the console, in colour, 3 days of files. */
    public static final LogSettings DEFAULT = new LogSettings("console", "info", 3, false);

    public LogSettings {
        to = to == null || to.isBlank() ? "console" : to;
        level = level == null || level.isBlank() ? "info" : level.trim().toLowerCase(Locale.ROOT);
    }

    /** Only the level changed. */
    public static LogSettings level(String level) {
        return new LogSettings("console", level, 3, false);
    }

    /** Whether lines go to the console (frp: {@code log.to = "console"}), else to the file {@link #to}. */
    public boolean toConsole() {
        return to.equals("console");
    }
}
