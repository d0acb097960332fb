package io.jfrp.e2e.adversarial;

import io.jfrp.e2e.E2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jfrps in a process of its own, from this test's class path, with the JVM options and the open-file
 * limit an attack test needs ({@code -Xmx256m}; {@code prlimit --nofile=1024}), so that what an
 * attacker exhausts is that process's and not the test's. Its output goes to a log file the test reads.
 */
final class JfrpsProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int bindPort;

    private JfrpsProcess(Process process, Path log, int bindPort) {
        this.process = process;
        this.log = log;
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
        Path log = dir.resolve("jfrps.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JfrpsProcess jfrps = new JfrpsProcess(p, log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
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
        return process.isAlive();
    }

    /** Its output so far. */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Occurrences of {@code text} in its output. */
    int count(String text) throws IOException {
        String all = log();
        int n = 0;
        for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
