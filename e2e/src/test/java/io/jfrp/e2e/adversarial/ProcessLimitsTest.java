package io.jfrp.e2e.adversarial;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.RawYamux;
import io.jfrp.mux.YamuxFlags;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on a jfrps in its own process, where the resource exhausted is the process's: 1,500 silent
 * connections under {@code prlimit --nofile=1024}, and four sessions flooding streams before Login
 * under {@code -Xmx256m}. In both a logged-in jfrpc's tunnel keeps carrying hash-checked echoes, the
 * process stays up and sound, and a new client gets its tunnel as soon as the attack ends.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ProcessLimitsTest extends E2eCase {
    private static final String TOKEN = "process-limits";

    /** A jfrpc with one tcp proxy, its tunnel up; it tries again (as frpc would) if a busy machine made it miss a deadline. */
    private FrpClient clientUp(int bindPort, String name, int localPort, int publicPort) throws Exception {
        for (int attempt = 1; ; attempt++) {
            FrpClient client = closer.add(new FrpClient(ClientConfig.loopback(bindPort, TOKEN,
                    List.of(ProxyBuilder.tcp(name, "127.0.0.1", localPort, publicPort).build()))));
            try {
                client.start().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                client.close();
                if (attempt == 3) {
                    throw e;
                }
                continue;
            }
            E2e.awaitProxyUp(client, name, publicPort);
            return client;
        }
    }

    @Test
    void aFloodOfSilentConnectionsUnderAnOpenFileLimitOf1024StopsNoTunnel() throws Exception {
        RequiredTools.requireOnPath("prlimit");
        JfrpsProcess jfrps = closer.add(JfrpsProcess.start(dir, TOKEN, "", 1024));
        EchoService echo = closer.add(new EchoService());
        int publicPort = E2e.freePort();
        clientUp(jfrps.bindPort(), "healthy", echo.port(), publicPort);
        HealthyTunnel tunnel = HealthyTunnel.start(publicPort, 256 * 1024);

        List<HostilePeer> flood = new ArrayList<>();
        int refusedAtConnect = 0;
        try {
            for (int i = 0; i < 1500; i++) { // 30 addresses, 50 each: under the per-address limit
                try {
                    flood.add(HostilePeer.connectFrom("127.0.1." + (1 + i % 30), jfrps.bindPort()));
                } catch (IOException e) {
                    refusedAtConnect++;
                }
            }
            Thread.sleep(3000); // the flood held while the tunnel works
        } finally {
            for (HostilePeer p : flood) {
                p.close();
            }
        }
        int echoes = tunnel.stop();
        // As soon as the flood ends, a new client logs in and gets its tunnel.
        long start = System.nanoTime();
        int otherPort = E2e.freePort();
        clientUp(jfrps.bindPort(), "newcomer", echo.port(), otherPort);
        long newcomerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        E2e.assertEchoIntact(otherPort, 1 << 20, 1);
        System.out.printf("nofile=1024: 1500 silent connections (%d refused at connect), %d intact echoes during"
                + " the flood, a new client's tunnel %d ms after it; 'Too many open files' in the log: %d%n",
                refusedAtConnect, echoes, newcomerMillis, jfrps.count("Too many open files"));
        assertThat(jfrps.alive()).isTrue();
        assertThat(jfrps.count("Exception")).as("stack traces in jfrps' log").isZero();
    }

    @Test
    void jfrpsWithA256MiBHeapSurvivesFourSessionsFloodingStreams() throws Exception {
        JfrpsProcess jfrps = closer.add(JfrpsProcess.start(dir, TOKEN, "", 0, "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError"));
        EchoService echo = closer.add(new EchoService());
        int publicPort = E2e.freePort();
        clientUp(jfrps.bindPort(), "healthy", echo.port(), publicPort);
        HealthyTunnel tunnel = HealthyTunnel.start(publicPort, 256 * 1024);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong syns = new AtomicLong();
        List<CompletableFuture<Void>> floods = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            String from = "127.0.2." + (s + 1);
            floods.add(CompletableFuture.runAsync(() -> flood(jfrps.bindPort(), from, stop, syns)));
        }
        Thread.sleep(8000);
        stop.set(true);
        CompletableFuture.allOf(floods.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        int echoes = tunnel.stop();

        assertThat(jfrps.alive()).as("jfrps alive after the flood").isTrue();
        assertThat(jfrps.count("OutOfMemoryError")).isZero();
        int otherPort = E2e.freePort();
        clientUp(jfrps.bindPort(), "newcomer", echo.port(), otherPort);
        E2e.assertEchoIntact(otherPort, 1 << 20, 2);
        System.out.printf("-Xmx256m: %d SYNs from 4 sessions in 8 s, %d intact echoes meanwhile, jfrps alive, a new"
                + " client got its tunnel%n", syns.get(), echoes);
        assertThat(syns.get()).isGreaterThan(10_000);
    }

    /** SYNs with fresh ids as fast as the socket takes them, reconnecting when the server closes. */
    private static void flood(int port, String from, AtomicBoolean stop, AtomicLong syns) {
        while (!stop.get()) {
            try (HostilePeer p = HostilePeer.connectFrom(from, port)) {
                int id = 1;
                while (!stop.get() && id < 2_000_000) {
                    ByteBuffer b = ByteBuffer.allocate(12 * 1000);
                    for (int i = 0; i < 1000; i++, id += 2) {
                        b.put(RawYamux.header(RawYamux.WINDOW_UPDATE, YamuxFlags.SYN, id, 0));
                    }
                    p.raw(b.array());
                    syns.addAndGet(1000);
                    p.closedWithin(1); // drain the RSTs now and then
                }
            } catch (IOException closedByTheServer) {
                // its deadline: connect again
            }
        }
    }
}
