package io.jfrp.bench.load;

import io.jfrp.bench.paths.Child;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * An {@link EchoServer} in a JVM of its own, whose sockets do not count against the caller's file
 * limit: holding N idle connections costs the load client N descriptors and the echo service another N.
 */
public record EchoProcess(Child child, InetSocketAddress address) implements AutoCloseable {
    /** Starts it and waits (up to 30 s) until it listens; its output goes to {@code dir/echo-server.log}. */
    public static EchoProcess start(Path dir) throws IOException, InterruptedException {
        Child c = Child.start("echo server", Child.java(List.of("-Xms64m", "-Xmx1g"), EchoServer.class, List.of()),
                dir.resolve("echo-server.log"));
        try {
            String line = c.awaitLine(Duration.ofSeconds(30), "LISTENING ");
            return new EchoProcess(c, Child.address(line.substring(line.indexOf("LISTENING ") + "LISTENING ".length())));
        } catch (TimeoutException | RuntimeException e) {
            c.stop(Duration.ZERO);
            throw new IOException("echo server process did not start: " + e.getMessage(), e);
        }
    }

    public ProcessHandle handle() {
        return child.process.toHandle();
    }

    @Override
    public void close() {
        child.stop(Duration.ofSeconds(10));
    }
}
