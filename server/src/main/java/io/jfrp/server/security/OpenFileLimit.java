package io.jfrp.server.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's soft limit on open files (the one that makes accept() fail with "Too many open
 * files"), read from {@code /proc/self/limits} on Linux; unknown elsewhere. Read this way rather than
 * through {@code com.sun.management}, which would add two modules to the release's runtime.
 */
final class OpenFileLimit {
    private OpenFileLimit() {
    }

    /** The soft limit, or -1 when unknown or unlimited. */
    static long soft() {
        return soft(Path.of("/proc/self/limits"));
    }

    static long soft(Path limits) {
        try {
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return parts[0].equals("unlimited") ? -1 : Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
