package io.jfrp.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;

/**
 * File-descriptor figures of a Linux process from {@code /proc}: its limits on open files (the JVM
 * raises its own soft limit to the hard one at start) and how many it has open, to tell when a limit,
 * not the tunnel, capped a connection count. Also the reading of {@code /proc} texts.
 */
public final class ProcessFiles {
    private ProcessFiles() {
    }

    /** The process's soft limit on open files, or -1 when it cannot be read (or is unlimited). */
    public static long maxOpenFiles(long pid) {
        return openFilesLimit(pid, false);
    }

    /** The process's soft (or hard) limit on open files, -1 when it cannot be read or is unlimited. */
    public static long openFilesLimit(long pid, boolean hard) {
        return parseOpenFilesLimit(read(pid, "limits"), hard);
    }

    /** The soft or hard "Max open files" of a {@code /proc/<pid>/limits} text; -1 when absent or unlimited. */
    static long parseOpenFilesLimit(String limits, boolean hard) {
        String value = field(limits, "Max open files", hard ? 1 : 0);
        return value == null || value.equals("unlimited") ? -1 : Long.parseLong(value);
    }

    /** Open file descriptors of the process, or -1 when they cannot be counted. */
    public static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Open sockets of the process (descriptors linked to {@code socket:[inode]}), or -1 when they cannot be counted. */
    public static long openSockets(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed since listed
                }
            }).count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Open files of a process and its descendants (an sshd session child holds the sockets). */
    public static long treeOpenFiles(ProcessHandle process) {
        return overTree(process, ProcessFiles::openFiles);
    }

    /** {@code perPid} of the process plus that of each descendant it can be read for; -1 when the process's is not. */
    static long overTree(ProcessHandle process, LongUnaryOperator perPid) {
        long own = perPid.applyAsLong(process.pid());
        return own < 0 ? -1 : own + process.descendants().mapToLong(c -> Math.max(0, perPid.applyAsLong(c.pid()))).sum();
    }

    /** The text of {@code /proc/<pid>/<file>}, null when it cannot be read (the process is gone). */
    static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            return null;
        }
    }

    /** Word {@code index} (from 0) after {@code name} on {@code text}'s first line starting with it, or null. */
    static String field(String text, String name, int index) {
        Optional<String> line = text == null ? Optional.empty() : text.lines().filter(l -> l.startsWith(name)).findFirst();
        String[] words = line.map(l -> l.substring(name.length()).trim().split("\\s+")).orElse(new String[0]);
        return index < words.length ? words[index] : null;
    }
}
