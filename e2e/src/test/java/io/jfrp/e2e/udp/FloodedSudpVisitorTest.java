package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.wirev2.Payload;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.LeakDetectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An sudp visitor flooded with datagrams far faster than its path drains, while a TCP connection
 * through an stcp visitor of the same jfrpc (same session to jfrps, same owner jfrpc) is held open,
 * as iperf3's control connection is: the flood may lose datagrams, but the TCP connection must carry
 * its next bytes, new TCP connections must work, and the sudp path must answer again afterwards.
 * (Iperf3UdpTest's failures on a loaded machine looked like such a stall; they were iperf3 taking a
 * previous run's late datagrams for its next client: see there.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(LeakDetectionExtension.class)
class FloodedSudpVisitorTest extends E2eCase {
    private static final String TOKEN = "flood";
    /** Datagrams sent as fast as one thread can: 60 MB, several seconds of work for the path. */
    private static final int FLOOD_DATAGRAMS = 50_000;
    private static final int DATAGRAM_BYTES = 1200;

    @Test
    void aFloodThroughAnSudpVisitorLeavesTheStcpVisitorsConnectionWorking() throws Exception {
        EchoService tcpEcho = closer.add(new EchoService());
        UdpEcho udpEcho = closer.add(new UdpEcho());
        FrpServer server = server(TOKEN, c -> c);
        int serverPort = server.address().getPort();
        FrpClient owner = clientLoggedIn(serverPort, TOKEN, List.of(
                ProxyBuilder.stcp("control", "127.0.0.1", tcpEcho.port(), "k").build(),
                ProxyBuilder.sudp("data", "127.0.0.1", udpEcho.port(), "k").build()));
        assertThat(E2e.awaitProxy(owner, "control").error()).isEmpty();
        assertThat(E2e.awaitProxy(owner, "data").error()).isEmpty();
        int visitorPort = UdpPorts.freeForBoth();
        closer.add(new FrpClient(ClientConfig.loopback(serverPort, TOKEN, List.of()).withVisitors(List.of(
                VisitorBuilder.stcp("control-visitor", "control", "k", visitorPort).build(),
                VisitorBuilder.sudp("data-visitor", "data", "k", visitorPort).build()))))
                .start().get(10, TimeUnit.SECONDS);
        InetSocketAddress sudp = new InetSocketAddress("127.0.0.1", visitorPort);

        try (Socket control = new Socket(); UdpClient user = new UdpClient()) {
            control.connect(new InetSocketAddress("127.0.0.1", visitorPort), 5000);
            control.setSoTimeout(30_000);
            assertRoundTrip(control, Payload.random(37, 1));

            flood(sudp); // its first datagram opens the visitor connection, as iperf3's first does

            assertRoundTrip(control, Payload.random(4, 2)); // iperf3's TEST_END and what follows
            TcpRoundTrip.assertEchoed(visitorPort, 1 << 20, 3);
            byte[] after = Payload.random(DATAGRAM_BYTES, 4);
            assertThat(user.exchangeRetrying(sudp, after, 10, 2000)).as("sudp answers after the flood")
                    .isEqualTo(after);
        }
    }

    /** Blasts {@link #FLOOD_DATAGRAMS} datagrams at {@code target} from one socket that never reads. */
    private static void flood(InetSocketAddress target) throws Exception {
        byte[] payload = Payload.random(DATAGRAM_BYTES, 5);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            DatagramPacket packet = new DatagramPacket(payload, payload.length, target);
            for (int i = 0; i < FLOOD_DATAGRAMS; i++) {
                socket.send(packet);
            }
        }
    }

    /** Writes {@code bytes} on the held connection and reads the echo back. */
    private static void assertRoundTrip(Socket control, byte[] bytes) throws Exception {
        OutputStream out = control.getOutputStream();
        out.write(bytes);
        out.flush();
        byte[] back = new byte[bytes.length];
        new DataInputStream(control.getInputStream()).readFully(back);
        assertThat(back).isEqualTo(bytes);
    }
}
