package io.jfrp.e2e.adversarial;

import io.jfrp.e2e.E2e;
import io.jfrp.testkit.LoggedProcess;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jfrps in a process of its own, from this test's class path, with the JVM options and the open-file
 * limit an attack test needs ({@code -Xmx256m}; {@code prlimit --nofile=1024}), so that what an
 * attacker exhausts is that process's and not the test's. Its output goes to a log file the test reads.
 */
final class JfrpsProcess implements AutoCloseable {
    private final LoggedProcess process;
    private final int bindPort;

    private JfrpsProcess(LoggedProcess process, int bindPort) {
        this.process = process;
        this.bindPort = bindPort;
    }

    /**
     * Starts jfrps on 127.0.0.1 with {@code token} and {@code extraToml} appended to its frps.toml,
     * under {@code nofile} (0: the test's own limit) with {@code jvmOptions}; returns once bindPort
     * accepts.
     */
    static JfrpsProcess start(Path dir, String token, String extraToml, int nofile, String... jvmOptions)
            throws IOException, InterruptedException {
        int port = E2e.freePort();
        Path conf = dir.resolve("frps.toml");
        Files.writeString(conf, "bindAddr = \"127.0.0.1\"\nbindPort = " + port + "\nauth.token = \"" + token + "\"\n"
                + extraToml + "\n", StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>();
        if (nofile > 0) {
            cmd.addAll(List.of("prlimit", "--nofile=" + nofile + ":" + nofile, "--"));
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.jfrp.server.cli.Jfrps", "-c",
                conf.toString()));
        JfrpsProcess jfrps = new JfrpsProcess(
                LoggedProcess.start(cmd, dir.resolve("jfrps.log"), Duration.ofSeconds(10)), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!jfrps.alive()) {
                throw new IllegalStateException("jfrps exited at start: " + jfrps.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return jfrps;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        jfrps.close();
        throw new IllegalStateException("jfrps did not listen within 60 s: " + jfrps.log());
    }

    int bindPort() {
        return bindPort;
    }

    boolean alive() {
        return process.alive();
    }

    /** Its output so far. */
    String log() {
        return process.log();
    }

    /** Occurrences of {@code text} in its output. */
    int count(String text) {
        String all = log();
        int n = 0;
        for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
