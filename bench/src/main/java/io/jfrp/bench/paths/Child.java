package io.jfrp.bench.paths;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A process the harness started: stdout is copied to a log file and its lines offered to
 * {@link #awaitLine}; stderr goes to a file beside it. Every child is registered so that a shutdown
 * hook (or the watchdog) can kill what is left. {@link #run} runs a one-shot program, bounded in time.
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

    /** Starts {@code command} with {@code env} added to the environment; output goes to {@code log}. */
    public static Child start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.resolveSibling(log.getFileName() + ".stderr").toFile()));
        pb.environment().putAll(env);
        Files.writeString(log, "# " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
        Child c = new Child(name, log, pb.start());
        ALL.add(c);
        Thread t = new Thread(c::pump, "stdout-" + name);
        t.setDaemon(true);
        t.start();
        return c;
    }

    public static Child start(String name, List<String> command, Path log) throws IOException {
        return start(name, command, Map.of(), log);
    }

    /** {@code command} run inside network namespace {@code netns} ({@code ip netns exec} execs: same pid), or as is. */
    public static List<String> inNetns(String netns, List<String> command) {
        return netns == null ? command : Stream.concat(Stream.of("ip", "netns", "exec", netns), command.stream()).toList();
    }

    /**
     * A JVM running {@code mainClass} on this JVM's class path with {@code javaOpts}, one option each,
     * passed as they are (an option may hold spaces: {@code -Djfrp.bench.trace=/a dir}).
     */
    public static List<String> java(List<String> javaOpts, Class<?> mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(javaOpts);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /** For a helper JVM's main method: returns when its stdin closes (the harness is done with it, or gone). */
    public static void awaitStdinClosed() {
        try {
            while (System.in.read() >= 0) {
                // nothing is sent: only the end matters
            }
        } catch (IOException e) {
            // stdin broke: the harness is gone
        }
    }

    /** Exit status and output (stdout and stderr) of a command {@link #run} to its end. */
    public record Output(int exit, String text) {
    }

    /** {@link #run(List, Duration, Path, boolean)} with all output in a temporary file, returned. */
    public static Output run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jfrp-bench-", ".out");
        try {
            int exit = run(command, limit, out, true);
            return new Output(exit, Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * The exit status of {@code command} run with an empty stdin, stdout appended to {@code out} and stderr
     * too ({@code merge}) or to {@code out}.stderr; killed after {@code limit}, with what it started.
     */
    public static int run(List<String> command, Duration limit, Path out, boolean merge)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        if (merge) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".stderr").toFile()));
        }
        Process p = pb.start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            throw new IOException(String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s");
        }
        return p.exitValue();
    }

    /** Parses {@code host:port} (the address a helper JVM prints). */
    public static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon).trim(),
                Integer.parseInt(hostPort.substring(colon + 1).trim()));
    }

    private void pump() {
        try (BufferedReader r = process.inputReader(StandardCharsets.UTF_8);
             Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
                w.write(line);
                w.write('\n');
                w.flush();
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits for the next stdout line containing any of {@code texts}; fails should the process end first. */
    public String awaitLine(Duration timeout, String... texts) throws InterruptedException, TimeoutException {
        String what = String.join("' or '", texts);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(name + ": no '" + what + "' line within " + timeout.toSeconds() + " s; see " + log);
            }
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            for (String t : texts) {
                if (line != null && line.contains(t)) {
                    return line;
                }
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                throw new IllegalStateException(exited() + " (no '" + what + "' line)");
            }
        }
    }

    /** Waits until {@code address} accepts connections; fails at once should this process exit first. */
    public void awaitAccepting(InetSocketAddress address, Duration timeout) throws InterruptedException,
            TimeoutException {
        Net.await(name + " at " + address, timeout, () -> Net.accepts(address), this::exited);
    }

    /** That this process has exited, with its status and where its output is; null while it runs. */
    public String exited() {
        return process.isAlive() ? null : name + " exited with " + process.exitValue() + "; see " + log + " and its .stderr";
    }

    /** Closes stdin, then SIGTERM after {@code grace}, then SIGKILL; what it started (nginx's workers) too. */
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
