package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.wirev2.Payload;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.LeakDetectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The TCP counterpart of {@link UdpFloodDropTest}: a tcp proxy's yamux stream whose tunnel stalls
 * (the {@link StallingRelay} stops reading jfrps' side of the client's connection) while a user
 * writes 8 MiB through it. The user's writes must stop (the tunnel holds the stream to its window
 * and water marks; nothing is lost or buffered without bound), and once the relay reads again the
 * same stream must drain and carry every byte: a lost WindowUpdate, a writability or auto-read flag
 * left off, or a missing flush after the backlog would leave the echo short. A new connection
 * through the same proxy then works too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(LeakDetectionExtension.class)
class StalledTcpProxyTest extends E2eCase {
    private static final String TOKEN = "stalled-tcp";
    private static final int SIZE = 8 << 20;
    private static final int CHUNK = 32 * 1024;

    @Test
    void aStreamStalledBehindTheTunnelDrainsEveryByteOnceItMoves() throws Exception {
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server(TOKEN, c -> c);
        StallingRelay relay = closer.add(new StallingRelay(server.address()));
        int remotePort = E2e.freePort();
        FrpClient client = client(relay.port(), TOKEN, List.of(
                ProxyBuilder.tcp("stalled", "127.0.0.1", echo.port(), remotePort).build()), c -> c);
        client.start().get(10, TimeUnit.SECONDS);
        E2e.awaitProxyUp(client, "stalled", remotePort);
        TcpRoundTrip.assertEchoed(remotePort, 64 * 1024, 1); // the tunnel works before the stall

        byte[] payload = Payload.random(SIZE, 7);
        AtomicLong written = new AtomicLong();
        try (Socket user = new Socket()) {
            user.connect(new InetSocketAddress("127.0.0.1", remotePort), 5000);
            user.setSoTimeout(30_000);
            relay.stall();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeAll(user, payload, written));
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> readN(user, SIZE));

            // Stalled: the writer stops short of the payload, as nobody on the far side reads.
            long[] last = {-1};
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1000)).until(() -> {
                long now = written.get();
                boolean still = now > 0 && now == last[0];
                last[0] = now;
                return still;
            });
            assertThat(last[0]).as("bytes the user could write into the stalled tunnel").isLessThan(SIZE);
            assertThat(reader).as("the echo while the tunnel is stalled").isNotDone();

            System.out.printf("StalledTcpProxyTest: %d of %d bytes written before the stalled tunnel stopped the user%n",
                    last[0], SIZE);
            relay.resume();
            byte[] back = reader.get(60, TimeUnit.SECONDS);
            writer.get(10, TimeUnit.SECONDS);
            assertThat(back.length).as("bytes echoed after the stall").isEqualTo(SIZE);
            assertThat(Payload.sha256(back)).isEqualTo(Payload.sha256(payload));
        }
        TcpRoundTrip.assertEchoed(remotePort, 1 << 20, 2); // and a new stream of the same session
    }

    private static void writeAll(Socket s, byte[] data, AtomicLong written) {
        try {
            OutputStream out = s.getOutputStream();
            for (int off = 0; off < data.length; off += CHUNK) {
                int n = Math.min(CHUNK, data.length - off);
                out.write(data, off, n);
                written.addAndGet(n);
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] readN(Socket s, int size) {
        try {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream back = new ByteArrayOutputStream(size);
            byte[] buf = new byte[64 * 1024];
            int n;
            while (back.size() < size && (n = in.read(buf, 0, Math.min(buf.length, size - back.size()))) >= 0) {
                back.write(buf, 0, n);
            }
            return back.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
