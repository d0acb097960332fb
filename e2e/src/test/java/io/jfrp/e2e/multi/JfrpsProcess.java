package io.jfrp.e2e.multi;

import io.jfrp.e2e.E2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * jfrps in a JVM of its own ({@code jfrps -c FILE} on this JVM's class path), so a test can kill it
 * the hard way (SIGKILL: no close, no FIN from the program, its sockets torn down by the kernel) and
 * start it again. Output goes to a log file beside its configuration.
 */
final class JfrpsProcess implements AutoCloseable {
    private final JfrpsFile file;
    private Process process;

    JfrpsProcess(JfrpsFile file) {
        this.file = file;
    }

    /** Starts jfrps and waits until its bindPort accepts (and its vhost port, when it has one). */
    JfrpsProcess start(Duration timeout) throws IOException, InterruptedException {
        return launch().awaitListening(timeout);
    }

    /** Starts jfrps without waiting for it: {@link #awaitListening} then, so that two can start at once. */
    JfrpsProcess launch() throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.jfrp.server.cli.Jfrps", "-c", file.file().toString());
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        return this;
    }

    /** Waits until the launched jfrps' bindPort accepts (and its vhost port, when it has one). */
    JfrpsProcess awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!E2e.accepts("127.0.0.1", file.bindPort())
                || (file.vhostHttpPort() > 0 && !E2e.accepts(file.proxyBindAddr(), file.vhostHttpPort()))) {
            if (!process.isAlive()) {
                throw new IOException("jfrps exited with " + process.exitValue() + "; see " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("jfrps did not listen within " + timeout + "; see " + log());
            }
            Thread.sleep(50);
        }
        return this;
    }

    private Path log() {
        return file.file().resolveSibling("jfrps.log");
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
