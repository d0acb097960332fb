package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backpressure end to end: the local service pushes 256 MiB to a public client that does not read.
 * Neither the server nor the client may buffer more than a stream window (16 MiB at most) plus
 * water marks; with tcpMux the client's stream send window must reach 0 and the server's stream
 * queue stays within its receive window. Server and client share this JVM and Netty's default
 * allocator (the adaptive one in Netty 4.2), so the growth of its used memory while stalled bounds
 * what both hold. Then the public client reads, and all 256 MiB arrive intact.
 */
// Every wait below is on a condition: the stall (given up after 20 s of writing, 40 s of looking), each
// read of the drain (30 s without a byte). The drain took 3 s on a quiet machine and 102 s at load 29,
// past the 90 s this bound was: it is only a backstop against a hang elsewhere.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SlowReaderTest extends E2eCase {
    private static final long PAYLOAD = 256L << 20;
    /** The largest stream window (16 MiB) plus water marks and per-thread allocator chunks. */
    private static final long BOUND = 32L << 20;
    /** What the writes may move in a second of a real stall. */
    private static final long STILL = 1L << 20;

    @TcpMuxOnAndOff
    void aStalledPublicReaderHoldsTheTunnelToItsWindows(boolean tcpMux) throws Exception {
        AtomicLong pushed = new AtomicLong();
        ScriptedService<String> service = closer.add(new ScriptedService<>(s -> {
            String sent = new E2e.SeededStream(42, PAYLOAD).writeTo(s.getOutputStream(), 64 * 1024, pushed);
            s.shutdownOutput();
            s.getInputStream().read();
            return sent;
        }));
        FrpServer server = server("slow", c -> c.withTcpMux(tcpMux));
        int remotePort = E2e.freePort();
        FrpClient client = tcpClientUp(server.address().getPort(), "slow", "bulk", service.port(), remotePort,
                c -> c.withTcpMux(tcpMux));
        long baseline = TunnelObservations.allocatorUsedBytes();

        try (Socket pub = new Socket()) {
            pub.connect(new InetSocketAddress("127.0.0.1", remotePort), 5000);
            pub.setSoTimeout(30_000);
            // Not reading: wait until the service's writes stop advancing for a while, then sample for
            // a second. On a loaded machine a writer or an event loop can pause that long while bytes
            // still move; the sampled second shows it (the writes went on, or with tcpMux jfrpc's send
            // window is still open) and the wait starts again from where the writes are now.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            Stall stall;
            long maxUsed = 0;
            do {
                long quietAt = E2e.awaitStall(pushed, 20_000, 700);
                assertThat(quietAt).as("bytes accepted before the stall").isLessThan(PAYLOAD);
                stall = sample(tcpMux, quietAt, pushed, client, server);
                maxUsed = Math.max(maxUsed, stall.maxUsed());
            } while (!stall.settled(tcpMux) && System.nanoTime() < deadline);
            long stalledAt = stall.pushedBefore();
            long stalledAfter = stall.pushedAfter();
            System.out.printf("SlowReaderTest tcpMux=%s: allocator %s baseline %.1f MiB, max while stalled "
                            + "%.1f MiB; service pushed %.1f MiB before stalling (%.1f MiB after sampling); "
                            + "client stream send window min %d; server stream queued max %.1f MiB (window %.1f MiB)%n",
                    tcpMux, TunnelObservations.allocatorDescription(), mib(baseline), mib(maxUsed), mib(stalledAt),
                    mib(stalledAfter), stall.sendWindowMin(), mib(stall.serverQueuedMax()),
                    mib(stall.serverWindowMax()));
            // Growth over what the idle tunnel held: the allocator is shared with whatever ran before
            // in this JVM, and its per-thread chunks are counted whole.
            assertThat(maxUsed - baseline).as("allocator growth while stalled").isLessThan(BOUND);
            // The sampling second moved (almost) nothing: the stall is real.
            assertThat(stalledAfter - stalledAt).isLessThan(STILL);
            if (tcpMux) {
                assertThat(stall.sendWindowMin()).as("client stream send window").isZero();
                assertThat(stall.serverQueuedMax()).isLessThanOrEqualTo(16L << 20);
            }

            long t0 = System.nanoTime();
            E2e.Digest got = E2e.readToEnd(pub.getInputStream());
            System.out.printf("SlowReaderTest tcpMux=%s: drained %.0f MiB in %d ms%n", tcpMux, mib(got.bytes()),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            assertThat(got.bytes()).isEqualTo(PAYLOAD);
            pub.shutdownOutput(); // our direction ends too, so the tunnel closes
            assertThat(got.sha256()).isEqualTo(service.nextResult(30));
        }
    }

    /**
     * What ~1 s of samples while the public client did not read saw: the service's bytes pushed
     * before and after, the allocator's most, and with tcpMux jfrpc's smallest stream send window and
     * jfrps' largest stream queue and window.
     */
    private record Stall(long pushedBefore, long pushedAfter, long maxUsed, long sendWindowMin, long serverQueuedMax,
                         long serverWindowMax) {
        /** Whether the tunnel was standing still throughout: the writes barely moved, jfrpc's window was shut. */
        boolean settled(boolean tcpMux) {
            return pushedAfter - pushedBefore < STILL && (!tcpMux || sendWindowMin == 0);
        }
    }

    private static Stall sample(boolean tcpMux, long pushedBefore, AtomicLong pushed, FrpClient client,
                                FrpServer server) throws Exception {
        long maxUsed = 0;
        long sendWindowMin = Long.MAX_VALUE;
        long serverQueuedMax = 0;
        long serverWindowMax = 0;
        for (int i = 0; i < 10; i++) { // ~1 s of samples
            maxUsed = Math.max(maxUsed, TunnelObservations.allocatorUsedBytes());
            if (tcpMux) {
                // The work streams jfrpc and jfrps report in use: the one carrying the bulk stream.
                List<TunnelObservations.StreamState> clientStreams =
                        TunnelObservations.streams(client.workConnections());
                List<TunnelObservations.StreamState> serverStreams =
                        TunnelObservations.streams(server.workConnections());
                assertThat(clientStreams).as("jfrpc's work stream").isNotEmpty();
                assertThat(serverStreams).as("jfrps' work stream").isNotEmpty();
                for (TunnelObservations.StreamState st : clientStreams) {
                    sendWindowMin = Math.min(sendWindowMin, st.sendWindow());
                }
                for (TunnelObservations.StreamState st : serverStreams) {
                    assertThat(st.queuedInbound()).as("server stream queue within its window")
                            .isLessThanOrEqualTo(st.receiveWindow());
                    serverQueuedMax = Math.max(serverQueuedMax, st.queuedInbound());
                    serverWindowMax = Math.max(serverWindowMax, st.receiveWindow());
                }
            }
            Thread.sleep(100);
        }
        return new Stall(pushedBefore, pushed.get(), maxUsed, sendWindowMin, serverQueuedMax, serverWindowMax);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
