package io.jfrp.bench.tunnel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process the benchmark started: stdout is copied to a log file and its lines are offered to
 * {@link #awaitLine}; stderr goes to the same log. Every child is registered so that a shutdown
 * hook (or the watchdog) can kill what is left. Shared by the tunnel benchmark and the harness
 * ({@code io.jfrp.bench.harness}).
 */
public final class Child {
    private static final Set<Child> ALL = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Child::killAll, "kill-children"));
    }

    public final String name;
    public final Path log;
    public final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Child(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code command}; stdout and stderr go to {@code log} (stdout lines also to {@link #awaitLine}). */
    public static Child start(String name, List<String> command, Path log) throws IOException {
        Path err = log.resolveSibling(log.getFileName() + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        Files.writeString(log, "# " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
        Process p = pb.start();
        Child c = new Child(name, log, p);
        ALL.add(c);
        Thread t = new Thread(c::pump, "stdout-" + name);
        t.setDaemon(true);
        t.start();
        return c;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                w.write(line);
                w.write('\n');
                w.flush();
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits for a stdout line starting with {@code prefix}; fails when the process ends or time runs out. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException, TimeoutException {
        return awaitFirst(timeout, prefix);
    }

    /** Waits for a stdout line starting with any of {@code prefixes}; fails when the process ends or time runs out. */
    public String awaitFirst(Duration timeout, String... prefixes) throws InterruptedException, TimeoutException {
        String prefix = String.join("' or '", prefixes);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(name + ": no '" + prefix + "' line within " + timeout.toSeconds() + " s; see " + log);
            }
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (line != null) {
                for (String p : prefixes) {
                    if (line.startsWith(p)) {
                        return line;
                    }
                }
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before '" + prefix
                        + "'; see " + log + " and " + log.getFileName() + ".stderr");
            }
        }
    }

    /** CPU time (user + system, all threads) the process has used so far, or -1 when unknown. */
    public long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * Closes stdin (our children exit on that), then SIGTERM, then SIGKILL; bounded. Processes the
     * child started itself (sshd's per-connection processes, for example) are killed too.
     */
    public void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(3, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        ALL.remove(this);
    }

    /** Kills every child still running (and the processes they started), at once. */
    public static void killAll() {
        for (Child c : ALL) {
            c.process.descendants().forEach(ProcessHandle::destroyForcibly);
            c.process.destroyForcibly();
        }
        ALL.clear();
    }
}
