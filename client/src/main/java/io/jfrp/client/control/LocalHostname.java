package io.jfrp.client.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's host name for Login's {@code hostname}, which stock frpc 0.70 fills with Go's
 * {@code os.Hostname()} and frps shows in its client list. Like Go on Linux it reads
 * {@code /proc/sys/kernel/hostname}; elsewhere the {@code HOSTNAME} or {@code COMPUTERNAME}
 * environment variable; else empty (left out of the Login). No name lookup. Read once.
 */
final class LocalHostname {
    private static final Path PROC = Path.of("/proc/sys/kernel/hostname");
    private static final int MAX_LENGTH = 255;

    private LocalHostname() {
    }

    /** The host name, or {@code ""} when none can be read. */
    static String get() {
        return Holder.NAME;
    }

    /** The first line of {@code file}, trimmed and at most 255 characters, or {@code ""} if it cannot be read. */
    static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int eol = text.indexOf('\n');
            return bounded(eol >= 0 ? text.substring(0, eol) : text);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static String bounded(String name) {
        String s = name == null ? "" : name.strip();
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }

    private static String compute() {
        String name = Files.isReadable(PROC) ? read(PROC) : "";
        if (name.isEmpty()) {
            name = bounded(System.getenv("HOSTNAME"));
        }
        if (name.isEmpty()) {
            name = bounded(System.getenv("COMPUTERNAME"));
        }
        return name;
    }

    private static final class Holder {
        static final String NAME = compute();
    }
}
