package io.jfrp.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EchoServer} in a JVM of its own (same class path), for when its sockets must not count
 * against the caller's file limit: holding N idle connections costs the load client N descriptors
 * and the echo service another N. Stops when closed (its stdin closes) or when the caller dies.
 */
public final class EchoProcess implements AutoCloseable {
    private final Process process;
    private final InetSocketAddress address;

    private EchoProcess(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** Starts it and waits (up to 30 s) until it listens; its stderr goes to {@code log}. */
    public static EchoProcess start(Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xms64m", "-Xmx1g",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"), EchoServer.class.getName(), "0", "1");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        // Anything else it prints first (a logging library's status lines) is skipped.
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith("LISTENING ")) {
                        return l;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String ready;
        try {
            ready = line.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            ready = null;
        }
        if (ready == null || !ready.startsWith("LISTENING ")) {
            p.destroyForcibly();
            throw new IOException("echo server process did not print LISTENING within 30 s (alive: " + p.isAlive()
                    + "; its stderr: " + log + ")");
        }
        String hp = ready.substring("LISTENING ".length()).trim();
        int colon = hp.lastIndexOf(':');
        return new EchoProcess(p, new InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1))));
    }

    public InetSocketAddress address() {
        return address;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
