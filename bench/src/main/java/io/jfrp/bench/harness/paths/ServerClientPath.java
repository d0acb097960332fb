package io.jfrp.bench.harness.paths;

import io.jfrp.bench.harness.TunnelPath;
import io.jfrp.bench.tunnel.Child;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A path made of two processes, one on the public side and one next to the service (jfrps and
 * jfrpc, frps and frpc, sshd and ssh): reports them under their roles for the memory figures and
 * stops them, the client side first. Subclasses start them in {@code publish}.
 */
abstract class ServerClientPath implements TunnelPath {
    private final String serverRole;
    private final String clientRole;
    private final Duration stopGrace;
    private Child server;
    private Child client;
    private boolean closed;

    /**
     * @param stopGrace how long each process gets to exit after SIGTERM before it is killed
     */
    ServerClientPath(String serverRole, String clientRole, Duration stopGrace) {
        this.serverRole = serverRole;
        this.clientRole = clientRole;
        this.stopGrace = stopGrace;
    }

    /** Fails a second {@code publish}: an instance publishes one service. */
    final synchronized void checkNotPublished() {
        if (server != null) {
            throw new IllegalStateException(name() + ": publish is called once per path");
        }
    }

    /** Records the started public-side process, returning it. */
    final synchronized Child serverStarted(Child child) {
        server = child;
        return child;
    }

    /** Records the started service-side process, returning it. */
    final synchronized Child clientStarted(Child child) {
        client = child;
        return child;
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
