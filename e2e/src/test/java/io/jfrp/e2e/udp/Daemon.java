package io.jfrp.e2e.udp;

import io.jfrp.testkit.RequiredTools;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server program a test starts for itself (dnsmasq, sshd, iperf3 -s) with its own
 * configuration, in the foreground, output to a log file that failures quote; stopped by
 * {@link #close()}.
 */
final class Daemon implements AutoCloseable {
    private final Process process;
    private final Path log;

    private Daemon(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} (its program must be installed: else the test is skipped, or fails on CI). */
    static Daemon start(Path dir, String name, List<String> command) throws IOException {
        RequiredTools.requireOnPath(Path.of(command.get(0)).getFileName().toString());
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Daemon(p, log);
    }

    /** What it logged so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
