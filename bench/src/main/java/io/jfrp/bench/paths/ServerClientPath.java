package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A path made of processes, one on the public side and one next to the service (jfrps and jfrpc,
 * sshd and ssh, two yamux relays) and any more it needs: started by the subclass's {@code publish}
 * with their logs in the path's directory, reported under their roles, stopped in reverse order.
 */
abstract class ServerClientPath implements TunnelPath {
    /** How long a program may take to start serving; JVMs on a busy two-core machine take seconds. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    /** This instance's directory: configuration files and logs. */
    final Path dir;
    private final Duration stopGrace;
    /** By role, in the order started. */
    private final Map<String, Child> children = new LinkedHashMap<>();
    private boolean closed;

    /** {@code stopGrace}: how long each process gets to exit after its stdin closes before SIGTERM. */
    ServerClientPath(String name, BenchContext ctx, Duration stopGrace) {
        this.name = name;
        this.dir = ctx.newLogDir(name);
        this.stopGrace = stopGrace;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Starts the process of {@code role}, its log {@code label}.log; each role once per path (one publish). */
    final synchronized Child start(String role, String label, List<String> command, Map<String, String> env)
            throws IOException {
        if (children.containsKey(role) || closed) {
            throw new IllegalStateException(name + ": publish is called once per path");
        }
        Child c = Child.start(name + " " + label, command, env, dir.resolve(label + ".log"));
        children.put(role, c);
        return c;
    }

    /** Waits until {@code address} accepts connections from inside {@code netns}; fails at once when a process died. */
    final void awaitAccepting(String netns, InetSocketAddress address, String what) throws InterruptedException,
            TimeoutException {
        Net.await(name + ": " + what + " at " + address, READY_TIMEOUT, () -> Net.accepts(netns, address), this::exited);
    }

    /** Which of this path's processes has exited, with its status and log, or null while all run. */
    final synchronized String exited() {
        return children.values().stream().map(Child::exited).filter(Objects::nonNull).findFirst().orElse(null);
    }

    @Override
    public final synchronized Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> m = new LinkedHashMap<>();
        children.forEach((role, c) -> m.put(role, c.process.toHandle()));
        return m;
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Child> started = new ArrayList<>(children.values());
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop(stopGrace);
        }
    }
}
