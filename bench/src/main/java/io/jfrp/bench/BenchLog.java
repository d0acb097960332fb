package io.jfrp.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on stderr (stdout carries the final summary only). */
public final class BenchLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private BenchLog() {
    }

    public static void log(String line) {
        System.err.println(LocalTime.now().format(TIME) + " " + line);
    }
}
