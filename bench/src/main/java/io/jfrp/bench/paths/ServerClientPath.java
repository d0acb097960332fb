package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A path made of two processes, one on the public side and one next to the service (jfrps and
 * jfrpc, frps and frpc, sshd and ssh, two yamux relays): starts them with their logs in the path's
 * own directory, waits until they serve, reports them under their roles for the memory figures and
 * stops them, the client side first. Subclasses start them in {@code publish}, which is called once.
 */
abstract class ServerClientPath implements TunnelPath {
    /** How long a program may take to start serving; JVMs on a busy two-core machine take seconds. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    /** This instance's directory: configuration files and logs. */
    final Path dir;
    private final String serverRole;
    private final String clientRole;
    private final Duration stopGrace;
    private Child server;
    private Child client;
    private boolean closed;

    /**
     * @param stopGrace how long each process gets to exit after its stdin closes before SIGTERM
     */
    ServerClientPath(String name, BenchContext ctx, String serverRole, String clientRole, Duration stopGrace) {
        this.name = name;
        this.dir = ctx.newLogDir(name);
        this.serverRole = serverRole;
        this.clientRole = clientRole;
        this.stopGrace = stopGrace;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Starts the public-side process; a second publish of one instance is an error. */
    final synchronized Child startServer(String label, List<String> command, Map<String, String> env)
            throws IOException {
        if (server != null || closed) {
            throw new IllegalStateException(name + ": publish is called once per path");
        }
        server = Child.start(name + " " + label, command, env, dir.resolve(label + ".log"));
        return server;
    }

    /** Starts the service-side process. */
    final synchronized Child startClient(String label, List<String> command, Map<String, String> env)
            throws IOException {
        client = Child.start(name + " " + label, command, env, dir.resolve(label + ".log"));
        return client;
    }

    /** Waits until {@code address} accepts connections from inside {@code netns}; fails at once when a process died. */
    final void awaitAccepting(String netns, InetSocketAddress address, String what) throws InterruptedException,
            TimeoutException {
        Net.await(name + ": " + what + " at " + address, READY_TIMEOUT, () -> {
            try {
                return Net.accepts(netns, address);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, this::exited);
    }

    /** Which of this path's processes has exited, with its status and log, or null while both run. */
    final synchronized String exited() {
        for (Child c : new Child[] {server, client}) {
            if (c != null && !c.process.isAlive()) {
                return c.name + " exited with " + c.process.exitValue() + "; see " + c.log + " and its .stderr";
            }
        }
        return null;
    }

    @Override
    public final synchronized Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> m = new LinkedHashMap<>();
        if (server != null) {
            m.put(serverRole, server.process.toHandle());
        }
        if (client != null) {
            m.put(clientRole, client.process.toHandle());
        }
        return m;
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (client != null) {
            client.stop(stopGrace);
        }
        if (server != null) {
            server.stop(stopGrace);
        }
    }
}
