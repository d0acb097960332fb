package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.WebServerSettings;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.protocol.udp.UdpPacketQueue;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.LeakDetectionExtension;
import io.jfrp.testkit.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood at a udp proxy whose tunnel is stalled (a relay between jfrpc and jfrps stops reading, as a
 * congested link does): jfrps keeps at most a bounded queue of the flood for the client and drops the
 * rest, counting the drops in {@code jfrp_udp_datagrams_dropped_total}, so that once the tunnel moves
 * again a later datagram waits behind at most that queue, not behind seconds of the flood. Asserted by
 * sequence numbers: the service sees at most the queue (1,024 packets) plus what the stalled yamux
 * stream's send window (256 KiB, no more than some 2,600 of these packets) had let through before the
 * first datagram of a marked second batch; with the former bound (the work connection's 2 MiB
 * high-water mark) some 7,500 more came first (10,224 in all). A second udp proxy of the same client
 * answers as soon as the tunnel moves.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(LeakDetectionExtension.class)
class UdpFloodDropTest extends E2eCase {
    private static final String TOKEN = "flood-drop";
    private static final int FLOOD = 60_000;
    /** Small datagrams, so that a byte bound alone lets many queue: 64 bytes are 88 in base64. */
    private static final int PAYLOAD = 64;
    /** The least a flood datagram takes on the wire as a UDPPacket: its base64 alone. */
    private static final int MIN_ENCODED = 88;
    private static final int MARKED = 1_000_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aFloodOnAStalledTunnelIsDroppedBeyondTheQueueAndCounted() throws Exception {
        List<Integer> seen = new ArrayList<>();
        UdpService recorder = closer.add(new UdpService(InetAddress.getLoopbackAddress(), 4 << 20, "recorder",
                (d, s) -> {
                    int seq = ByteBuffer.wrap(d.getData(), d.getOffset(), 4).getInt();
                    synchronized (seen) {
                        seen.add(seq);
                    }
                }));
        UdpEcho echo = closer.add(new UdpEcho());
        int webPort = E2e.freePort();
        FrpServer server = server(TOKEN, c -> c.withWebServer(
                new WebServerSettings("127.0.0.1", webPort, "admin", "pw", "", ""), true));
        StallingRelay relay = closer.add(new StallingRelay(server.address()));
        int floodPort = UdpPorts.free();
        int echoPort = UdpPorts.free();
        FrpClient client = client(relay.port(), TOKEN, List.of(
                ProxyBuilder.udp("flooded", "127.0.0.1", recorder.port(), floodPort).build(),
                ProxyBuilder.udp("other", "127.0.0.1", echo.port(), echoPort).build()), c -> c);
        client.start().get(10, TimeUnit.SECONDS);
        assertThat(E2e.awaitProxy(client, "flooded").error()).isEmpty();
        assertThat(E2e.awaitProxy(client, "other").error()).isEmpty();
        InetSocketAddress flooded = new InetSocketAddress("127.0.0.1", floodPort);
        InetSocketAddress other = new InetSocketAddress("127.0.0.1", echoPort);
        Metrics metrics = new Metrics(webPort);

        try (DatagramSocket user = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             UdpClient otherUser = new UdpClient()) {
            sendUntilSeen(user, flooded, -1, seen); // the work connection is there
            relay.stall();
            for (int i = 0; i < FLOOD; i++) {
                send(user, flooded, i);
                if (i % 16 == 15) {
                    Thread.sleep(1); // paced, so that jfrps reads the flood rather than the kernel dropping it
                }
            }
            // jfrps has read the whole flood once its count of drops stands still (for a second).
            double[] last = {-1};
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1000)).until(() -> {
                double now = metrics.dropped();
                boolean still = now > 0 && now == last[0];
                last[0] = now;
                return still;
            });
            double dropped = last[0];
            relay.resume();

            byte[] ping = "other proxy".getBytes(StandardCharsets.UTF_8);
            assertThat(otherUser.exchangeRetrying(other, ping, 10, 2000)).as("the other udp proxy").isEqualTo(ping);
            sendUntilSeen(user, flooded, MARKED, seen);

            int before;
            int floodSeen;
            synchronized (seen) {
                before = (int) seen.subList(0, seen.indexOf(MARKED)).stream().filter(s -> s >= 0 && s < FLOOD).count();
                floodSeen = (int) seen.stream().filter(s -> s >= 0 && s < FLOOD).count();
            }
            int bound = UdpPacketQueue.MAX_PACKETS + YamuxConfig.INITIAL_WINDOW / MIN_ENCODED;
            System.out.printf("UdpFloodDropTest: %d datagrams flooded, %d seen before the marked one (bound %d),"
                    + " %d seen in all, %.0f counted as dropped by jfrps%n", FLOOD, before, bound, floodSeen, dropped);
            assertThat(before).as("flood datagrams the service saw before the marked one").isBetween(1, bound);
            assertThat(dropped).as("drops counted").isPositive().isLessThanOrEqualTo(FLOOD - floodSeen);
        }
    }

    private static void sendUntilSeen(DatagramSocket user, InetSocketAddress target, int seq, List<Integer> seen) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            send(user, target, seq);
            synchronized (seen) {
                return seen.contains(seq);
            }
        });
    }

    private static void send(DatagramSocket user, InetSocketAddress target, int seq) throws java.io.IOException {
        byte[] payload = new byte[PAYLOAD];
        ByteBuffer.wrap(payload).putInt(seq);
        user.send(new DatagramPacket(payload, payload.length, target));
    }

    /** jfrps' /metrics. */
    private record Metrics(int webPort) {
        double dropped() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/metrics"))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(10)).build();
            String text = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return PrometheusText.samples(text).getOrDefault("jfrp_udp_datagrams_dropped_total", 0.0);
        }
    }
}
